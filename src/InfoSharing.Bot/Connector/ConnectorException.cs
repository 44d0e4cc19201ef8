using System.Net;

namespace InfoSharing.Bot.Connector;

/// <summary>A failed Connector call. <see cref="Kind"/> is what a caller decides on; the rest is for logs and diagnosis.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(ConnectorFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public ConnectorFailureKind Kind { get; }

    /// <summary>The Connector operation (e.g. <c>SendToConversation</c>).</summary>
    public string? Operation { get; init; }

    /// <summary>The HTTP status of the last response, or null when there was none (refused host, timeout, connection error).</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary><c>error.code</c> from the Connector's error body, when it sent one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary><c>error.subCode</c> (e.g. <c>MessageWritesBlocked</c>), when present.</summary>
    public string? ErrorSubCode { get; init; }

    /// <summary>The wait the server asked for on the last response (<c>Retry-After</c>), when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The <c>MS-CV</c> correlation vector of the last response, for support cases.</summary>
    public string? CorrelationVector { get; init; }
}
