namespace InfoSharing.Bot.Policy;

/// <summary>The guidance of one dialog step: a title, a short intro shown on the card and a longer help text.</summary>
public sealed record StepText
{
    public int Step { get; init; }
    public string Title { get; init => field = value ?? ""; } = "";
    public string Intro { get; init => field = value ?? ""; } = "";
    public string Help { get; init => field = value ?? ""; } = "";
}
