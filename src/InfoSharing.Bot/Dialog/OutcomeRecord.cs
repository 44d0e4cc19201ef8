using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// What actually happened after approval (§3): shared as approved, shared with changes (what and why), or not
/// shared (why, and was the requester told); when, by whom and how; where the content lives (never the content).
/// </summary>
public sealed record OutcomeRecord
{
    public required string OutcomeId { get; init; }
    public required OutcomeKind Kind { get; init; }
    public string? Changes { get; init; }
    public IReadOnlyList<string> CategoryIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public string? RecipientTypeId { get; init; }
    public string? NotSharedReason { get; init; }
    public string? RequesterToldId { get; init; }
    public DateTimeOffset? SharedAtUtc { get; init; }
    public string? SharedByRole { get; init; }
    public string? MethodId { get; init; }
    public string? ContentLocation { get; init; }
    public IReadOnlyList<string> ConfirmedNoIdentifierFields { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
}

/// <summary>What the approval covered: the outcome record is checked against it.</summary>
public sealed record ApprovedScope(IReadOnlyList<string> CategoryIds, string RecipientTypeId, string? MethodId, DateTimeOffset SubmittedAtUtc)
{
    /// <summary>After an approval in part (§7.1): the categories the request asked for that were not approved (empty otherwise).</summary>
    public IReadOnlyList<string> NotApprovedCategoryIds { get; init; } = [];

    /// <summary>True when the approval left something out: the form offers only what was approved.</summary>
    public bool InPart => NotApprovedCategoryIds.Count > 0;
}
