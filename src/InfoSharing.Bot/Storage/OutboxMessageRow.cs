namespace InfoSharing.Bot.Storage;

/// <summary>A send that must not be lost (approval card, card update, notification), processed in the background.</summary>
public sealed class OutboxMessageRow
{
    public required Guid Id { get; init; }
    /// <summary>send | update | createConversation | notifyUser.</summary>
    public required string Operation { get; init; }
    public required string Purpose { get; init; }
    public Guid? RequestId { get; init; }
    public required string ServiceUrl { get; set; }
    public string? ConversationId { get; set; }
    public string? ActivityId { get; set; }
    public required string PayloadJson { get; set; }
    /// <summary>pending | sent | failed | unknown.</summary>
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }
    public string? LockOwner { get; set; }
    /// <summary>
    /// Set, durably, just before the current attempt's first write left for the connector; cleared when an attempt is
    /// claimed or ends in a retry. A row whose lease ran out with this unset was never sent and is sent again.
    /// </summary>
    public DateTime? SendStartedAt { get; set; }
    public string? LastError { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? ResultConversationId { get; set; }
    public string? ResultActivityId { get; set; }
}
