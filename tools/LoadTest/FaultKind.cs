namespace InfoSharing.Bot.LoadTest;

/// <summary>What the fake connector does instead of answering normally.</summary>
public enum FaultKind
{
    /// <summary>429 with <c>Retry-After: 0</c>: nothing done.</summary>
    ThrottledWithRetryAfter,

    /// <summary>429 without <c>Retry-After</c>: nothing done.</summary>
    Throttled,

    /// <summary>500: nothing done.</summary>
    InternalError,

    /// <summary>502: nothing done.</summary>
    BadGateway,

    /// <summary>503: nothing done.</summary>
    Unavailable,

    /// <summary>504: nothing done.</summary>
    GatewayTimeout,

    /// <summary>The message is accepted, but the answer comes only after the bot's timeout (the worst case for a POST).</summary>
    AcceptedThenHang,

    /// <summary>The connection is dropped after the request was read, before it was acted on.</summary>
    Reset,

    /// <summary>403 <c>BotNotInConversationRoster</c>: refused for good.</summary>
    NotInRoster,

    /// <summary>404 <c>ConversationNotFound</c>: refused for good.</summary>
    NotFound,
}
