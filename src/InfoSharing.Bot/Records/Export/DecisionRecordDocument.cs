using System.Text.Json;

namespace InfoSharing.Bot.Records.Export;

/// <summary>
/// The decision record of domain.md §8 as one JSON document: every answer as submitted (with the policy version it
/// was given under), every approver action, the final decision, the outcome, retention, and the record's audit trail.
/// </summary>
public sealed record DecisionRecordDocument
{
    public required string Reference { get; init; }
    public required Guid Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }

    /// <summary>Where it stands in words: the status title, with a question unanswered past the limit or a card not delivered.</summary>
    public string? Standing { get; init; }

    /// <summary>A send about the record that failed or may not have arrived (the approval card, a notice), as the approvers see it.</summary>
    public string? DeliveryProblem { get; init; }

    public required string PolicyVersion { get; init; }
    public required string CaseReference { get; init; }
    public required string RequesterAadObjectId { get; init; }
    public string? RequesterName { get; init; }
    public required string MatterType { get; init; }
    public string? SubjectType { get; init; }
    public string? Urgency { get; init; }
    public DateTime? DeadlineUtc { get; init; }
    public required bool RequiresDpo { get; init; }
    public required bool RequiresPreventLead { get; init; }
    public required DateTime CreatedAtUtc { get; init; }
    public DateTime? SubmittedAtUtc { get; init; }

    /// <summary>The answers exactly as stored (the submission: every section, routing, warnings, the declaration); null once removed.</summary>
    public JsonElement? Answers { get; init; }

    public required IReadOnlyList<ApproverActionDocument> ApproverActions { get; init; }
    public DecisionDocument? Decision { get; init; }

    /// <summary>What was actually shared, as the practitioner recorded it (null until recorded).</summary>
    public JsonElement? Outcome { get; init; }

    public required RetentionDocument Retention { get; init; }
    public required IReadOnlyList<AuditEntryDocument> Audit { get; init; }
}
