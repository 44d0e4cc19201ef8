namespace InfoSharing.Bot.Connector;

/// <summary>
/// Error codes the Teams Connector returns in <c>{ "error": { "code" } }</c> that change how a failure is classified
/// (msteams-docs "Status codes from bot conversational APIs"; protocol.md §4.5, §7 pitfall 9).
/// </summary>
public static class ConnectorErrorCodes
{
    public const string BotNotInConversationRoster = "BotNotInConversationRoster";
    public const string MessageWritesBlocked = "MessageWritesBlocked";
    public const string ConversationBlockedByUser = "ConversationBlockedByUser";
    public const string BotDisabledByAdmin = "BotDisabledByAdmin";
}
