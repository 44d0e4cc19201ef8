using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using InfoSharing.Bot.Auth;
using InfoSharing.Bot.Protocol;

namespace InfoSharing.Bot.Connector;

/// <summary>
/// The one typed client for the Bot Connector REST API v3 (protocol.md §4.2–4.7). Every call checks the serviceUrl
/// against <see cref="ServiceUrlPolicy"/> before any I/O, only then asks for a token, and attaches it only when one is
/// returned. Paths get exactly one '/' after the serviceUrl and every id is escaped. Failures are
/// <see cref="ConnectorException"/>s whose <see cref="ConnectorException.Kind"/> tells the caller what to do; a caller's
/// cancellation surfaces as <see cref="OperationCanceledException"/> (for a write, the outcome is then unknown).
/// </summary>
public sealed partial class ConnectorClient(
    HttpClient httpClient,
    ServiceUrlPolicy serviceUrlPolicy,
    IConnectorTokenProvider tokenProvider,
    TimeProvider timeProvider,
    ILogger<ConnectorClient> logger)
{
    private const string CorrelationVectorHeader = "MS-CV";
    private const int MaxErrorMessageLength = 300;

    /// <summary><c>POST v3/conversations/{conversationId}/activities</c>. A 2xx without an id gives a null <see cref="ResourceResponse.Id"/>.</summary>
    public async Task<ResourceResponse> SendToConversationAsync(
        string serviceUrl, string conversationId, BotActivity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        const string Operation = "SendToConversation";
        var reply = await SendAsync(
            Operation,
            HttpMethod.Post,
            serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities",
            () => Json(activity, ProtocolJsonContext.Default.BotActivity),
            allowNotFound: false,
            cancellationToken).ConfigureAwait(false);
        return ReadAccepted(Operation, reply, ProtocolJsonContext.Default.ResourceResponse) ?? new ResourceResponse();
    }

    /// <summary><c>POST v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    public async Task<ResourceResponse> ReplyToActivityAsync(
        string serviceUrl, string conversationId, string activityId, BotActivity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        const string Operation = "ReplyToActivity";
        var reply = await SendAsync(
            Operation,
            HttpMethod.Post,
            serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}",
            () => Json(activity, ProtocolJsonContext.Default.BotActivity),
            allowNotFound: false,
            cancellationToken).ConfigureAwait(false);
        return ReadAccepted(Operation, reply, ProtocolJsonContext.Default.ResourceResponse) ?? new ResourceResponse();
    }

    /// <summary><c>PUT v3/conversations/{conversationId}/activities/{activityId}</c>; the body's <c>id</c> is set to <paramref name="activityId"/>.</summary>
    public async Task<ResourceResponse> UpdateActivityAsync(
        string serviceUrl, string conversationId, string activityId, BotActivity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        const string Operation = "UpdateActivity";
        var reply = await SendAsync(
            Operation,
            HttpMethod.Put,
            serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}",
            () => Json(activity with { Id = activityId }, ProtocolJsonContext.Default.BotActivity),
            allowNotFound: false,
            cancellationToken).ConfigureAwait(false);
        return ReadAccepted(Operation, reply, ProtocolJsonContext.Default.ResourceResponse) ?? new ResourceResponse();
    }

    /// <summary><c>POST v3/conversations</c> (protocol.md §4.4, §4.5).</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(
        string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        const string Operation = "CreateConversation";
        var reply = await SendAsync(
            Operation,
            HttpMethod.Post,
            serviceUrl,
            "v3/conversations",
            () => Json(parameters, ProtocolJsonContext.Default.ConversationParameters),
            allowNotFound: false,
            cancellationToken).ConfigureAwait(false);
        return ReadAccepted(Operation, reply, ProtocolJsonContext.Default.ConversationResourceResponse) ?? new ConversationResourceResponse();
    }

    /// <summary><c>GET v3/conversations/{conversationId}/members/{memberId}</c>; null on 404.</summary>
    public async Task<TeamsMember?> GetMemberAsync(
        string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        const string Operation = "GetMember";
        var reply = await SendAsync(
            Operation,
            HttpMethod.Get,
            serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/members/{Escape(memberId)}",
            createContent: null,
            allowNotFound: true,
            cancellationToken).ConfigureAwait(false);
        return reply.Status == HttpStatusCode.NotFound
            ? null
            : ReadRequired(Operation, reply, ProtocolJsonContext.Default.TeamsMember);
    }

    /// <summary><c>GET v3/conversations/{conversationId}/members</c>.</summary>
    public async Task<IReadOnlyList<TeamsMember>> GetMembersAsync(
        string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        const string Operation = "GetMembers";
        var reply = await SendAsync(
            Operation,
            HttpMethod.Get,
            serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/members",
            createContent: null,
            allowNotFound: false,
            cancellationToken).ConfigureAwait(false);
        var members = ReadRequired(Operation, reply, ProtocolJsonContext.Default.IReadOnlyListTeamsMember);
        return [.. members.Where(static member => member is not null)];
    }

    private async Task<Reply> SendAsync(
        string operation,
        HttpMethod method,
        string serviceUrl,
        string relativePath,
        Func<HttpContent>? createContent,
        bool allowNotFound,
        CancellationToken cancellationToken)
    {
        if (!serviceUrlPolicy.TryGetBaseUri(serviceUrl, out var baseUri))
        {
            var host = HostOf(serviceUrl);
            Log.HostNotAllowed(logger, operation, host);
            throw new ConnectorException(
                ConnectorFailureKind.HostNotAllowed,
                $"Connector {operation} refused: the serviceUrl host '{host}' is not allowed by Connector:AllowedServiceUrlHosts; nothing was sent.")
            {
                Operation = operation,
            };
        }

        using var span = BotTelemetry.Start("connector " + operation, System.Diagnostics.ActivityKind.Client);
        span?.SetTag("infosharing.connector.operation", operation);
        using var request = new HttpRequestMessage(method, new Uri(baseUri.AbsoluteUri + relativePath, UriKind.Absolute))
        {
            Content = createContent?.Invoke(),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var token = await tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (method != HttpMethod.Get)
        {
            await OutboxSendGuard.BeforeWriteAsync(cancellationToken).ConfigureAwait(false);
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (NoResponseKind(ex, method, cancellationToken) is { } kind)
        {
            Log.NoResponse(logger, operation, method, kind, ex);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, kind.ToString());
            throw new ConnectorException(kind, $"Connector {operation} got no response ({kind}): {ex.Message}", ex)
            {
                Operation = operation,
            };
        }

        using (response)
        {
            var correlationVector = response.Headers.TryGetValues(CorrelationVectorHeader, out var values) ? values.FirstOrDefault() : null;
            Log.Answered(logger, operation, method, (int)response.StatusCode, correlationVector);
            span?.SetTag("http.response.status_code", (int)response.StatusCode);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
            {
                return new Reply(response.StatusCode, body, correlationVector);
            }

            var error = ConnectorErrorParser.Parse(body);
            var kind = ConnectorFailureClassifier.Classify(response.StatusCode, error.Code, error.SubCode);
            Log.Failed(logger, operation, method, kind, (int)response.StatusCode, error.Code, correlationVector);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, kind.ToString());
            throw new ConnectorException(kind, FailureMessage(operation, response.StatusCode, error))
            {
                Operation = operation,
                StatusCode = response.StatusCode,
                ErrorCode = error.Code,
                ErrorSubCode = error.SubCode,
                RetryAfter = RetryDelay.Requested(response.Headers.RetryAfter, timeProvider.GetUtcNow()),
                CorrelationVector = correlationVector,
            };
        }
    }

    /// <summary>
    /// The kind for an exception thrown before any response: null lets it propagate (the caller cancelled). A connection
    /// that was never established sent nothing; any other loss during a write leaves its outcome unknown.
    /// </summary>
    private static ConnectorFailureKind? NoResponseKind(Exception exception, HttpMethod method, CancellationToken cancellationToken)
    {
        var isWrite = method != HttpMethod.Get && method != HttpMethod.Head;
        return exception switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            HttpRequestException
            {
                HttpRequestError: HttpRequestError.NameResolutionError
                    or HttpRequestError.ConnectionError
                    or HttpRequestError.SecureConnectionError
                    or HttpRequestError.ProxyTunnelError,
            } => ConnectorFailureKind.Transient,
            TimeoutException or HttpRequestException or OperationCanceledException =>
                isWrite ? ConnectorFailureKind.OutcomeUnknown : ConnectorFailureKind.Transient,
            _ => null,
        };
    }

    /// <summary>A 2xx on a write means it was done: an unreadable body must not turn that into a failure (which would be resent).</summary>
    private T? ReadAccepted<T>(string operation, Reply reply, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (IsBlank(reply.Body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(reply.Body, typeInfo);
        }
        catch (JsonException)
        {
            Log.UnreadableAcceptedBody(logger, operation, (int)reply.Status, reply.CorrelationVector);
            return null;
        }
    }

    private static T ReadRequired<T>(string operation, Reply reply, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        T? value = null;
        Exception? inner = null;
        if (!IsBlank(reply.Body))
        {
            try
            {
                value = JsonSerializer.Deserialize(reply.Body, typeInfo);
            }
            catch (JsonException ex)
            {
                inner = ex;
            }
        }

        return value ?? throw new ConnectorException(
            ConnectorFailureKind.InvalidResponse,
            $"Connector {operation} answered {(int)reply.Status} without a readable body.",
            inner)
        {
            Operation = operation,
            StatusCode = reply.Status,
            CorrelationVector = reply.CorrelationVector,
        };
    }

    private static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private static bool IsBlank(byte[] body) => body.AsSpan().Trim(" \t\r\n"u8).IsEmpty;

    private static string HostOf(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) ? uri.Host : "(not an absolute URL)";

    private static string FailureMessage(string operation, HttpStatusCode status, ConnectorErrorParser.ParsedError error)
    {
        var text = error.Message is { Length: > MaxErrorMessageLength } tooLong ? tooLong[..MaxErrorMessageLength] + "…" : error.Message;
        return $"Connector {operation} failed with HTTP {(int)status}"
            + (error.Code is null ? string.Empty : $" {error.Code}")
            + (error.SubCode is null ? string.Empty : $"/{error.SubCode}")
            + (text is null ? "." : $": {text}");
    }

    private readonly record struct Reply(HttpStatusCode Status, byte[] Body, string? CorrelationVector);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3100, Level = LogLevel.Debug,
            Message = "Connector {Operation} {Method} answered {StatusCode} (MS-CV {CorrelationVector})")]
        public static partial void Answered(ILogger logger, string operation, HttpMethod method, int statusCode, string? correlationVector);

        [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
            Message = "Connector {Operation} refused before any I/O: host {Host} is not on the allow-list")]
        public static partial void HostNotAllowed(ILogger logger, string operation, string host);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
            Message = "Connector {Operation} {Method} failed: {Kind}, HTTP {StatusCode}, code {ErrorCode} (MS-CV {CorrelationVector})")]
        public static partial void Failed(
            ILogger logger, string operation, HttpMethod method, ConnectorFailureKind kind, int statusCode, string? errorCode, string? correlationVector);

        [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
            Message = "Connector {Operation} {Method} got no response: {Kind}")]
        public static partial void NoResponse(ILogger logger, string operation, HttpMethod method, ConnectorFailureKind kind, Exception exception);

        [LoggerMessage(EventId = 3104, Level = LogLevel.Warning,
            Message = "Connector {Operation} answered {StatusCode} with a body that is not JSON; treated as accepted without an id (MS-CV {CorrelationVector})")]
        public static partial void UnreadableAcceptedBody(ILogger logger, string operation, int statusCode, string? correlationVector);
    }
}
