namespace InfoSharing.Bot.Dialog;

/// <summary>Step 8: advice and the deadline.</summary>
public sealed record AdviceAnswers
{
    public required string AdviceId { get; init; }
    public string? AdviserRole { get; init; }
    public bool? PersonIdentified { get; init; }
    public string? AdviceSummary { get; init; }
    public required string DeadlineId { get; init; }

    /// <summary>A UK calendar date, set only for a "by a date" deadline.</summary>
    public DateOnly? DeadlineDate { get; init; }
}
