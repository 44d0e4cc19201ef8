using System.Net;

namespace InfoSharing.Bot.Connector;

/// <summary>Pure mapping from a final HTTP status and the Connector's error code to a <see cref="ConnectorFailureKind"/>.</summary>
internal static class ConnectorFailureClassifier
{
    public static ConnectorFailureKind Classify(HttpStatusCode status, string? code, string? subCode) => (int)status switch
    {
        429 => ConnectorFailureKind.Throttled,
        401 => ConnectorFailureKind.Unauthorized,
        403 when Is(code, ConnectorErrorCodes.BotNotInConversationRoster) => ConnectorFailureKind.NotInRoster,
        403 when Is(code, ConnectorErrorCodes.MessageWritesBlocked)
            || Is(subCode, ConnectorErrorCodes.MessageWritesBlocked)
            || Is(code, ConnectorErrorCodes.ConversationBlockedByUser)
            || Is(code, ConnectorErrorCodes.BotDisabledByAdmin) => ConnectorFailureKind.Blocked,
        403 => ConnectorFailureKind.Forbidden,
        404 => ConnectorFailureKind.NotFound,
        400 or 413 => ConnectorFailureKind.BadRequest,

        // 408: the server gave up waiting for our request; 412 PreconditionFailed: Teams asks for a retry with backoff.
        408 or 412 => ConnectorFailureKind.Transient,
        >= 400 and <= 499 => ConnectorFailureKind.BadRequest,
        >= 500 and <= 599 => ConnectorFailureKind.Transient,
        _ => ConnectorFailureKind.InvalidResponse,
    };

    private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
