namespace InfoSharing.Bot.Auth;

/// <summary>
/// Gets the bearer token the bot sends to the Bot Connector (protocol.md §4.1).
/// Returns null when no app id is configured (local development: no Authorization header at all).
/// </summary>
public interface IConnectorTokenProvider
{
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}
