namespace InfoSharing.Bot.Dialog;

/// <summary>Step 6: the necessity and proportionality checklist and the justification.</summary>
public sealed record NecessityAnswers
{
    public required IReadOnlyList<NecessityCheckAnswer> Checks { get; init; }
    public required string Justification { get; init; }
}
