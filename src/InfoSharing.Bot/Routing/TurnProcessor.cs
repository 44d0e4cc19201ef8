using System.Text.Json;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// One authenticated activity → one turn: shape checks (400), redelivery guard, conversation reference
/// refresh, then the router. A failure of the bot's own infrastructure answers 503 and releases the
/// redelivery claim so the channel's retry can run the turn again; nothing half-done is acknowledged.
/// </summary>
public sealed partial class TurnProcessor(
    BotDbContext db,
    ActivityDeduplicator deduplicator,
    ConversationReferenceStore references,
    TurnRouter router,
    ILogger<TurnProcessor> logger)
{
    public async Task<TurnResult> ProcessAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!HasRoutableShape(activity, out var why))
        {
            Log.Malformed(logger, activity.Type ?? "(none)", why);
            return TurnResult.BadRequest();
        }

        if (!db.Database.IsSqlite())
        {
            return await ProcessShapedAsync(activity, cancellationToken);
        }

        // One SQLite connection for the whole turn: every open of a pooled SQLite connection re-registers EF Core's
        // SQL functions on it, and a turn would otherwise open one for each query and save (a PostgreSQL turn does not
        // hold a pooled connection across its outbound calls).
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ProcessShapedAsync(activity, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<TurnResult> ProcessShapedAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        var turn = new TurnContext
        {
            Activity = activity,
            ConversationKey = TurnContext.KeyFor(activity.ChannelId, activity.Conversation!.Id),
            CommandText = MentionText.StripBotMention(activity),
        };

        string? dedupeKey = null;
        if (!string.IsNullOrEmpty(activity.Id))
        {
            // The reference refresh and the claim are one commit; a redelivery discards its (identical) refresh.
            dedupeKey = ActivityDeduplicator.KeyFor(activity.ChannelId, activity.Conversation.Id, activity.Id);
            var earlier = await deduplicator.TryClaimAsync(dedupeKey, ct => references.StageAsync(activity, ct), cancellationToken);
            if (earlier is not null)
            {
                Log.Redelivered(logger, activity.Type!);
                return Replay(earlier, activity);
            }
        }

        try
        {
            if (dedupeKey is null)
            {
                await references.UpsertAsync(activity, cancellationToken);
            }

            var result = await router.RouteAsync(turn, cancellationToken);
            // A plain 200 needs no completion record: a redelivery of a claimed, uncompleted activity is answered 200 too
            // (Replay). Invokes and any other status are recorded, so a redelivery gets the same answer.
            if (dedupeKey is not null && (result.InvokeBody is not null || result.StatusCode != StatusCodes.Status200OK))
            {
                var body = result.InvokeBody is null ? null : JsonSerializer.Serialize(result.InvokeBody, ProtocolJsonContext.Default.AdaptiveCardInvokeResponse);
                await deduplicator.CompleteAsync(dedupeKey, result.StatusCode, body, CancellationToken.None);
            }

            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.TurnFailed(logger, ex, activity.Type!);
            if (dedupeKey is not null)
            {
                await TryReleaseAsync(dedupeKey);
            }

            return string.Equals(activity.Type, ActivityTypes.Invoke, StringComparison.Ordinal)
                ? TurnResult.Invoke(AdaptiveCardInvokeResponse.Error(503, "ServiceUnavailable", "The bot could not complete that just now. Nothing was changed; please try again."))
                : new TurnResult(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private async Task TryReleaseAsync(string key)
    {
        try
        {
            await deduplicator.ReleaseAsync(key, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ReleaseFailed(logger, ex);
        }
    }

    /// <summary>A redelivery gets the first delivery's answer; one still in flight gets a neutral answer.</summary>
    private static TurnResult Replay(ProcessedActivityRow earlier, BotActivity activity)
    {
        var isInvoke = string.Equals(activity.Type, ActivityTypes.Invoke, StringComparison.Ordinal);
        if (!earlier.Completed)
        {
            return isInvoke
                ? TurnResult.Invoke(AdaptiveCardInvokeResponse.Message("Still working on your earlier click; the card will update shortly."))
                : TurnResult.Ok;
        }

        var body = earlier.ResponseBody is null ? null : JsonSerializer.Deserialize(earlier.ResponseBody, ProtocolJsonContext.Default.AdaptiveCardInvokeResponse);
        return new TurnResult(earlier.StatusCode, body);
    }

    /// <summary>What every routed activity needs: a conversation and a serviceUrl that is an absolute http(s) URL.</summary>
    internal static bool HasRoutableShape(BotActivity activity, out string why)
    {
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            why = "no conversation.id";
            return false;
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
            || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            why = "serviceUrl is not an absolute http(s) URL";
            return false;
        }

        if (string.Equals(activity.Type, ActivityTypes.Invoke, StringComparison.Ordinal) && string.IsNullOrEmpty(activity.Name))
        {
            why = "invoke without a name";
            return false;
        }

        why = string.Empty;
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Malformed {ActivityType} activity refused: {Reason}")]
        public static partial void Malformed(ILogger logger, string activityType, string reason);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Redelivered {ActivityType} activity answered from the first delivery")]
        public static partial void Redelivered(ILogger logger, string activityType);

        [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "Turn for {ActivityType} failed; answered 503 and released for redelivery")]
        public static partial void TurnFailed(ILogger logger, Exception exception, string activityType);

        [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Could not release a failed turn's redelivery claim")]
        public static partial void ReleaseFailed(ILogger logger, Exception exception);
    }
}
