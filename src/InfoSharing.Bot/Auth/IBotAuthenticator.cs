namespace InfoSharing.Bot.Auth;

/// <summary>Validates the token on an inbound <c>POST /api/messages</c> (protocol.md §3).</summary>
public interface IBotAuthenticator
{
    /// <summary>
    /// Decides whether a request may be processed. Never throws for a bad or unreadable token (it is refused);
    /// throws only <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <param name="authorizationHeader">The raw Authorization header value, or null when absent.</param>
    /// <param name="channelId">The activity's <c>channelId</c>, checked against the signing key's endorsements.</param>
    /// <param name="serviceUrl">The activity's <c>serviceUrl</c>, checked against the token's <c>serviceurl</c> claim.</param>
    Task<BotAuthResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken);
}
