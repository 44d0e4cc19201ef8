namespace InfoSharing.Bot.Storage;

/// <summary>Every approver action on a request (domain.md §8): who, role, action, reason, conditions, when.</summary>
public sealed class ApprovalActionRow
{
    public long Id { get; init; }
    public required Guid RequestId { get; init; }
    public required string ActorAadObjectId { get; init; }
    public string? ActorUserId { get; init; }
    public string? ActorName { get; init; }
    public string? ActorRole { get; init; }
    public required string Action { get; init; }
    public string? ReasonCode { get; init; }
    public string? Text { get; init; }
    public string? Conditions { get; init; }
    public DateTime At { get; init; }
}
