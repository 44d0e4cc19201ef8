namespace InfoSharing.Bot.Connector;

/// <summary>
/// Why a Connector call failed, in the terms a caller (the outbox) decides on. Values are explicit so a
/// stored kind keeps its meaning.
/// </summary>
public enum ConnectorFailureKind
{
    /// <summary>429 that was still answered after the retries, or a <c>Retry-After</c> longer than the cap. Nothing was done; retry later (see <see cref="ConnectorException.RetryAfter"/>).</summary>
    Throttled = 1,

    /// <summary>5xx (and 408/412), or a read/a connection that was never established. Retry later with backoff. A write that got a 5xx is not known to have been applied.</summary>
    Transient = 2,

    /// <summary>A write (POST/PUT) timed out or lost its connection after it was sent: the message may or may not have been accepted. Do not blindly resend.</summary>
    OutcomeUnknown = 3,

    /// <summary>403 <c>BotNotInConversationRoster</c>: the app is not installed for this user/team.</summary>
    NotInRoster = 4,

    /// <summary>403 <c>MessageWritesBlocked</c> (code or subCode), <c>ConversationBlockedByUser</c> or <c>BotDisabledByAdmin</c>: the user or an admin blocked the bot.</summary>
    Blocked = 5,

    /// <summary>Any other 403.</summary>
    Forbidden = 6,

    /// <summary>404 (e.g. <c>ConversationNotFound</c>, <c>ActivityNotFoundInConversation</c>).</summary>
    NotFound = 7,

    /// <summary>401: the token was missing, expired or for the wrong authority.</summary>
    Unauthorized = 8,

    /// <summary>400, 413 and any other 4xx not listed above: the request itself is wrong; resending it will not help.</summary>
    BadRequest = 9,

    /// <summary>The serviceUrl's host is not on the allow-list; no request was made and no token was fetched.</summary>
    HostNotAllowed = 10,

    /// <summary>A status this client does not follow (3xx) or a read whose 2xx body could not be parsed.</summary>
    InvalidResponse = 11,
}
