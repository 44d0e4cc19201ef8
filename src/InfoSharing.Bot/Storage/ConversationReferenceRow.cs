namespace InfoSharing.Bot.Storage;

/// <summary>
/// Where to reach a conversation later (protocol.md §2.2): refreshed from every authenticated inbound
/// activity so proactive messages survive a restart and follow a moved serviceUrl.
/// </summary>
public sealed class ConversationReferenceRow
{
    /// <summary><c>channelId|conversationId</c>.</summary>
    public required string Key { get; init; }
    public required string ChannelId { get; init; }
    public required string ConversationId { get; init; }
    public string? ConversationType { get; set; }
    public required string ServiceUrl { get; set; }
    public string? TenantId { get; set; }
    public string? UserId { get; set; }
    public string? UserAadObjectId { get; set; }
    public string? UserName { get; set; }
    public string? BotId { get; set; }
    public string? BotName { get; set; }
    public string? TeamId { get; set; }
    public string? TeamsChannelId { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? WelcomedAt { get; set; }
    /// <summary>Set when the connector answered 403/404 for this conversation (uninstalled, blocked).</summary>
    public string? DeadReason { get; set; }
}
