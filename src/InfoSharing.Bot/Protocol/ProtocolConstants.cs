namespace InfoSharing.Bot.Protocol;

/// <summary>Activity types (protocol.md §2.1). Compare ordinally.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string Event = "event";
    public const string Typing = "typing";
    public const string MessageReaction = "messageReaction";
}

public static class InvokeNames
{
    public const string AdaptiveCardAction = "adaptiveCard/action";
}

public static class ContentTypes
{
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
    public const string ActivityMessage = "application/vnd.microsoft.activity.message";
    public const string Error = "application/vnd.microsoft.error";
}

public static class Channels
{
    public const string MsTeams = "msteams";
    public const string Emulator = "emulator";
}
