namespace InfoSharing.Bot.Storage;

/// <summary>
/// The decision record of domain.md §8: one per request (and per emergency record or advice consultation).
/// The typed columns are what is filtered and routed on; every answer is kept in <see cref="AnswersJson"/>
/// together with the policy version it was given under.
/// </summary>
public sealed class InfoRequestRow
{
    public required Guid Id { get; init; }
    /// <summary>Human reference, e.g. ISR-2026-0042. Unique.</summary>
    public required string Reference { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; set; }
    public required string RequesterAadObjectId { get; init; }
    public string? RequesterUserId { get; set; }
    public string? RequesterName { get; set; }
    public string? RequesterConversationKey { get; set; }
    public required string CaseReference { get; set; }
    public required string MatterType { get; set; }
    public string? SubjectType { get; set; }
    public string? Urgency { get; set; }
    public DateTime? Deadline { get; set; }
    public required string PolicyVersion { get; set; }
    public bool RequiresDpo { get; set; }
    public bool RequiresPreventLead { get; set; }
    public required string AnswersJson { get; set; }
    /// <summary>The facts the shared channel card may show: titles and flags, never free text about the person.</summary>
    public required string SummaryJson { get; set; }
    /// <summary>The free-text answers, shown only in an approver's audited detail view.</summary>
    public required string DetailJson { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedByAadObjectId { get; set; }
    public string? DecidedByName { get; set; }
    public string? Decision { get; set; }
    public string? ApprovalServiceUrl { get; set; }
    public string? ApprovalConversationId { get; set; }
    public string? ApprovalActivityId { get; set; }
    /// <summary>A send about this request that kept failing (shown on the approval card).</summary>
    public string? DeliveryProblem { get; set; }
    public string? OutcomeJson { get; set; }
    /// <summary>When the practitioner recorded what happened (after approval), or completed an emergency record.</summary>
    public DateTime? OutcomeRecordedAt { get; set; }
    public string? RetentionClass { get; set; }
    /// <summary>When the record is due for review (set at creation and at the decision; an auditor's review moves it).</summary>
    public DateTime? ReviewDate { get; set; }
    public bool LegalHold { get; set; }
    /// <summary>When an auditor last reviewed the record's retention.</summary>
    public DateTime? ReviewedAt { get; set; }
    /// <summary>When the personal content was removed after a retention review; the row stays as a tombstone.</summary>
    public DateTime? ContentDeletedAt { get; set; }
    public Guid? LinkedRequestId { get; set; }
    /// <summary>Optimistic concurrency: pending → decided is a compare-and-set on this.</summary>
    public long Revision { get; set; }
}
