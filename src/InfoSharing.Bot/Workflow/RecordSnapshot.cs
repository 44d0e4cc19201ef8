namespace InfoSharing.Bot.Workflow;

/// <summary>
/// What the workflow needs to know about a record (request, emergency record, advice consultation) to decide what a
/// command does: its kind, status and revision, who made it, who must decide it, and the actions taken so far.
/// </summary>
public sealed record RecordSnapshot
{
    public required Guid Id { get; init; }
    public required string Reference { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public long Revision { get; init; }
    public string? RequesterObjectId { get; init; }
    public string? RequesterUserId { get; init; }
    public bool RequiresDpo { get; init; }
    public bool RequiresPreventLead { get; init; }
    public string? DecidedByName { get; init; }
    public DateTime? DecidedAt { get; init; }

    /// <summary>The record the practitioner owes after the decision (outcome, full emergency record) was given.</summary>
    public bool OutcomeRecorded { get; init; }
    public IReadOnlyList<PriorAction> Actions { get; init; } = [];

    /// <summary>The categories the request asks to share (policy ids; empty when its answers cannot be read).</summary>
    public IReadOnlyList<string> RequestedCategoryIds { get; init; } = [];

    /// <summary>The recipient types the request asks to share with (policy ids).</summary>
    public IReadOnlyList<string> RequestedRecipientTypeIds { get; init; } = [];
    /// <summary>The people who may be asked to decide requests (see <see cref="Deciders"/>); null when the shell did not read them.</summary>
    public IReadOnlyList<Candidate>? Candidates { get; init; }

    public ApproverKind Required => ApprovalRules.Required(RequiresDpo, RequiresPreventLead);
}

/// <summary>An action already recorded on the record (ApprovalActionRow): what, by whom, in which role, with which code (a reassignment's target).</summary>
public sealed record PriorAction(string Action, string ActorObjectId, string? ActorRole, string? Code = null);
