using System.Net;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Connector;

/// <summary>
/// The Connector's only retry policy (style habit 7, protocol.md §4.7, §7 pitfall 19). Retries a 429 or 503 — answers that
/// prove nothing was done — for any method, honouring <c>Retry-After</c>, at most <see cref="ConnectorOptions.MaxRetries"/>
/// times. Nothing else is retried: not 500/502/504, not a timeout, not a connection error, because a resent POST is a
/// duplicate message in Teams. Each attempt, response body included, is limited to <see cref="ConnectorOptions.AttemptTimeout"/>;
/// a timed-out attempt surfaces as <see cref="TimeoutException"/>. The request body is buffered once and every retry
/// sends a fresh copy of the request.
/// </summary>
internal sealed partial class ConnectorRetryHandler(
    IOptions<ConnectorOptions> options,
    TimeProvider timeProvider,
    ILogger<ConnectorRetryHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);

        for (var retry = 0; ; retry++)
        {
            var attempt = retry == 0 ? request : Copy(request, body);
            var response = await SendAttemptAsync(attempt, settings.AttemptTimeout, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                || retry >= settings.MaxRetries)
            {
                return response;
            }

            var delay = RetryDelay.Next(
                response.Headers.RetryAfter,
                retry,
                timeProvider.GetUtcNow(),
                settings.InitialRetryDelay,
                settings.MaxRetryDelay,
                Random.Shared.NextDouble());
            if (delay is not { } wait)
            {
                Log.RetryAfterTooLong(logger, request.Method, (int)response.StatusCode, settings.MaxRetryDelay);
                return response;
            }

            Log.Retrying(logger, request.Method, (int)response.StatusCode, retry + 1, settings.MaxRetries, wait);
            response.Dispose();
            if (!ReferenceEquals(attempt, request))
            {
                attempt.Dispose();
            }

            await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linkedSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linkedSource.Token).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(linkedSource.Token).ConfigureAwait(false);
            return response;
        }
        catch (OperationCanceledException ex) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            Log.AttemptTimedOut(logger, request.Method, timeout);
            throw new TimeoutException($"The Connector did not answer the {request.Method} within {timeout}.", ex);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        if (body is not null && request.Content is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3110, Level = LogLevel.Information,
            Message = "Connector {Method} answered {StatusCode}; retry {Retry} of {MaxRetries} in {Delay}")]
        public static partial void Retrying(ILogger logger, HttpMethod method, int statusCode, int retry, int maxRetries, TimeSpan delay);

        [LoggerMessage(EventId = 3111, Level = LogLevel.Warning,
            Message = "Connector {Method} answered {StatusCode} with a Retry-After beyond the {MaxDelay} cap; not retrying inline")]
        public static partial void RetryAfterTooLong(ILogger logger, HttpMethod method, int statusCode, TimeSpan maxDelay);

        [LoggerMessage(EventId = 3112, Level = LogLevel.Warning,
            Message = "Connector {Method} attempt timed out after {Timeout}; not retried")]
        public static partial void AttemptTimedOut(ILogger logger, HttpMethod method, TimeSpan timeout);
    }
}
