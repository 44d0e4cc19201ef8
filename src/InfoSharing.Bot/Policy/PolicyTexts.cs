namespace InfoSharing.Bot.Policy;

/// <summary>Guidance texts, written plainly in the spirit of the 2024 HM Government advice.</summary>
public sealed record PolicyTexts
{
    public string Welcome { get; init; } = "";
    public IReadOnlyList<string> GoldenRules { get; init; } = [];
    public string CommandsHelp { get; init; } = "";
    public IReadOnlyList<StepText> Steps { get; init; } = [];
    public EmergencyTexts Emergency { get; init; } = new();
    public PolicyNotes Notes { get; init; } = new();

    /// <summary>The text of a step, or an empty one when missing (the loader reports a missing step).</summary>
    public StepText Step(int step) => Steps.FirstOrDefault(s => s.Step == step) ?? new StepText { Step = step };
}
