namespace InfoSharing.Bot.Auth;

/// <summary>The kind of Azure Bot registration (protocol.md §3.4), read from <c>MicrosoftAppType</c>.</summary>
public enum BotAppType
{
    /// <summary>App id + password; tokens from the <c>botframework.com</c> tenant. The default when the key is unset.</summary>
    MultiTenant,

    /// <summary>App id + password + tenant id; tokens from the bot's own tenant.</summary>
    SingleTenant,

    /// <summary>A user-assigned managed identity: app id (the identity's client id) + tenant id, no password.</summary>
    UserAssignedMsi,
}
