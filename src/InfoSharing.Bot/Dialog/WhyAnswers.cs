namespace InfoSharing.Bot.Dialog;

/// <summary>Step 4: why, and the minimisation question.</summary>
public sealed record WhyAnswers
{
    public required IReadOnlyList<string> PurposeIds { get; init; }
    public string? OtherPurposeDetail { get; init; }
    public required string ExpectedOutcome { get; init; }
    public required string RiskIfNotShared { get; init; }

    /// <summary>Null after "less would do" sent the practitioner back to step 2: the question is asked again.</summary>
    public string? MinimisationId { get; init; }

    /// <summary>True once "less would do" sent the practitioner back to reduce what is shared.</summary>
    public bool ReducedAfterMinimisationCheck { get; init; }
}
