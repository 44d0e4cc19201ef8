namespace InfoSharing.Bot.Policy;

/// <summary>Guidance texts, written plainly in the spirit of the 2024 HM Government advice.</summary>
public sealed record PolicyTexts
{
    public string Welcome { get; init => field = value ?? ""; } = "";
    public IReadOnlyList<string> GoldenRules { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public string CommandsHelp { get; init => field = value ?? ""; } = "";
    public IReadOnlyList<StepText> Steps { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public EmergencyTexts Emergency { get; init => field = value ?? new(); } = new();
    public PolicyNotes Notes { get; init => field = value ?? new(); } = new();

    /// <summary>Step 2's direct questions on special category and criminal offence content.</summary>
    public SpecialCategoryTexts SpecialCategory { get; init => field = value ?? new(); } = new();

    /// <summary>The text of a step, or an empty one when missing (the loader reports a missing step).</summary>
    public StepText Step(int step) => Steps.FirstOrDefault(s => s.Step == step) ?? new StepText { Step = step };
}
