namespace InfoSharing.Bot.Dialog;

/// <summary>
/// An anonymised consultation (§6): age band, matter type, a non-identifying description, the categories and
/// recipient type being considered, and the question. The person's identity is never disclosed.
/// </summary>
public sealed record AdviceConsultation
{
    public required string AgeBandId { get; init; }
    public required string MatterTypeId { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<string> CategoryIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public string? RecipientTypeId { get; init; }
    public required string Question { get; init; }

    /// <summary>Always false: the record says so explicitly (§6 "identity disclosed: no").</summary>
    public bool IdentityDisclosed { get; init; }

    /// <summary>"anonymisedConsultation" (step 4), "adviceNow" (step 8) or "command" (asked for directly).</summary>
    public string? Trigger { get; init; }

    public IReadOnlyList<string> ConfirmedNoIdentifierFields { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
}

/// <summary>An approver's answer to a consultation: free text and a suggested outcome.</summary>
public sealed record AdviceAnswer
{
    public required string Text { get; init; }
    public required string SuggestedOutcomeId { get; init; }
}
