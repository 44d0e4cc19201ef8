using System.Buffers;
using System.Text.Json;
using InfoSharing.Bot.Auth;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Routing;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: the only code that touches HttpContext for the bot protocol.
/// Order: size (413) → parse (400) → token (401) → the turn → status and, for an invoke, its body.
/// </summary>
public static partial class MessagesEndpoint
{
    public static IEndpointRouteBuilder MapMessagesEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", HandleAsync).DisableAntiforgery();
        return endpoints;
    }

    internal static async Task HandleAsync(
        HttpContext http,
        IBotAuthenticator authenticator,
        TurnProcessor processor,
        IOptions<BotOptions> options,
        ILogger<TurnProcessor> logger,
        CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            Log.Rejected(logger, StatusCodes.Status413PayloadTooLarge, "body larger than the limit");
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var body = await ReadBodyAsync(http.Request.Body, http.Request.ContentLength, limit, cancellationToken);
        if (body is null)
        {
            Log.Rejected(logger, StatusCodes.Status413PayloadTooLarge, "body larger than the limit");
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var activity = Parse(body);
        if (activity is null)
        {
            Log.Rejected(logger, StatusCodes.Status400BadRequest, "body is not an activity");
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var auth = await authenticator.AuthenticateAsync(
            http.Request.Headers.Authorization.Count == 0 ? null : http.Request.Headers.Authorization.ToString(),
            activity.ChannelId,
            activity.ServiceUrl,
            cancellationToken);
        if (!auth.Succeeded)
        {
            Log.Rejected(logger, StatusCodes.Status401Unauthorized, auth.FailureReason ?? "token refused");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var result = await processor.ProcessAsync(activity, cancellationToken);
        http.Response.StatusCode = result.StatusCode;
        if (result.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            // Nothing of the turn was kept: the sender may send it again, after a pause (protocol.md §1.4).
            http.Response.Headers.RetryAfter = "1";
        }
        if (result.InvokeBody is { } invokeBody)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(http.Response.Body, invokeBody, ProtocolJsonContext.Default.AdaptiveCardInvokeResponse, cancellationToken);
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer (chunked bodies have no Content-Length).</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, long? contentLength, int limit, CancellationToken cancellationToken)
    {
        if (contentLength is { } length and >= 0 and <= int.MaxValue)
        {
            // The usual case: read straight into an array of the announced size (and refuse a body that runs past it).
            var exact = new byte[length];
            var filled = 0;
            while (filled < exact.Length)
            {
                var n = await body.ReadAsync(exact.AsMemory(filled), cancellationToken);
                if (n == 0)
                {
                    return exact[..filled];
                }

                filled += n;
            }

            return await body.ReadAsync(new byte[1], cancellationToken) == 0 ? exact : null;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>An activity is a JSON object with a string <c>type</c> and no repeated property name; anything else is a 400.</summary>
    internal static BotActivity? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            // One parse of the body, refusing a repeated property name anywhere (entities, channelData, value...): JsonObject
            // would throw ArgumentException on first access deep inside the turn, and the redelivery would fail for ever.
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 256 });
            var activity = document.RootElement.Deserialize(ProtocolJsonContext.Default.BotActivity);
            return activity is { Type.Length: > 0 } ? WithoutNullItems(activity) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>JSON lists may hold nulls (<c>"membersAdded":[null]</c>) that the nullable annotations do not admit: drop them here.</summary>
    private static BotActivity WithoutNullItems(BotActivity activity) => activity with
    {
        Attachments = Compact(activity.Attachments),
        Entities = Compact(activity.Entities),
        MembersAdded = Compact(activity.MembersAdded),
        MembersRemoved = Compact(activity.MembersRemoved),
    };

    private static IReadOnlyList<T>? Compact<T>(IReadOnlyList<T>? items)
        where T : class =>
        items is null || items.All(static item => item is not null) ? items : [.. items.Where(static item => item is not null)];

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Activity refused with {StatusCode}: {Reason}")]
        public static partial void Rejected(ILogger logger, int statusCode, string reason);
    }
}
