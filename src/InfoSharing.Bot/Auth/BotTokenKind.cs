namespace InfoSharing.Bot.Auth;

/// <summary>Which path of protocol.md §3.1 accepted a request.</summary>
public enum BotTokenKind
{
    /// <summary>No token: authentication is disabled (no app id, Development only).</summary>
    None,

    /// <summary>A Bot Connector token (§3.2): issuer, audience, serviceurl claim and endorsement all checked.</summary>
    Channel,

    /// <summary>
    /// An Entra token minted with the bot's own credentials, e.g. by the Emulator (§3.3). It carries no
    /// serviceurl claim, so the activity's serviceUrl has NOT been vouched for by the token.
    /// </summary>
    Emulator,
}
