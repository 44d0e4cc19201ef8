namespace InfoSharing.Bot.Policy;

public sealed record AdviceOption
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";

    /// <summary>Advice was sought: the adviser's role, whether the person was identified and a summary are required.</summary>
    public bool Sought { get; init; }

    /// <summary>The practitioner wants anonymised advice now (§6).</summary>
    public bool StartsAdvicePath { get; init; }
}
