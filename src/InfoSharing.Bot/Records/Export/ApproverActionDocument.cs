namespace InfoSharing.Bot.Records.Export;

/// <summary>One approver (or requester) action on a record (domain.md §8): who, role, action, reason, text, conditions, when.</summary>
public sealed record ApproverActionDocument
{
    public required DateTime AtUtc { get; init; }
    public required string ActorAadObjectId { get; init; }
    public string? ActorName { get; init; }
    public string? ActorRole { get; init; }
    public required string Action { get; init; }
    public string? ReasonCode { get; init; }
    public string? Text { get; init; }
    public string? Conditions { get; init; }
}
