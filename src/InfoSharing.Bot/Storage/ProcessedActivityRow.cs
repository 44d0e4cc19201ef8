namespace InfoSharing.Bot.Storage;

/// <summary>
/// Redelivery guard (protocol.md §1.4): one row per channel|conversation|activity id, shared by all
/// instances, kept until <see cref="ExpiresAt"/>. For an invoke the response body is kept and re-returned.
/// </summary>
public sealed class ProcessedActivityRow
{
    public required string Key { get; init; }
    /// <summary>When the current claim was taken (a takeover of a stale claim renews it); with the key it identifies the claim.</summary>
    public DateTime ReceivedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public bool Completed { get; set; }
    public int StatusCode { get; set; }
    public string? ResponseBody { get; set; }
}
