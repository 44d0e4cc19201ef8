namespace InfoSharing.Bot.Storage;

/// <summary>One practitioner's dialog draft per conversation, saved with an optimistic-concurrency revision.</summary>
public sealed class DialogStateRow
{
    public required string ConversationKey { get; init; }
    public string? UserAadObjectId { get; set; }
    public int DialogVersion { get; set; }
    public required string StateJson { get; set; }
    /// <summary>Incremented on every save; a save that does not find the revision it read loses the race.</summary>
    public long Revision { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
