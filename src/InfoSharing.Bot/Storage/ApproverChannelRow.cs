namespace InfoSharing.Bot.Storage;

/// <summary>The approvers' conversation: a Teams channel, or (development fallback) any conversation.</summary>
public sealed class ApproverChannelRow
{
    public required string Key { get; init; }
    public required string ChannelId { get; set; }
    public required string ConversationId { get; set; }
    public required string ServiceUrl { get; set; }
    public string? TeamsChannelId { get; set; }
    public string? TeamId { get; set; }
    public string? TenantId { get; set; }
    public string? BotId { get; set; }
    public string? BotName { get; set; }
    public string? RegisteredBy { get; set; }
    public DateTime RegisteredAt { get; set; }
    /// <summary>install | command | development-fallback.</summary>
    public required string Source { get; set; }
}
