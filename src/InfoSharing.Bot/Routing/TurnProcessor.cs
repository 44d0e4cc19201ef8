using System.Text.Json;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// One authenticated activity → one turn: shape checks (400), redelivery guard, then the router; the claim and the
/// conversation reference's refresh are written at the turn's point of no return (<see cref="ActivityDeduplicator"/>). A
/// failure of the bot's own infrastructure (the database included) answers 503, having written nothing, so the channel's
/// retry runs the turn again, unless the turn had already committed (its changes kept or a reply sent): then it is
/// answered as done, so that a redelivery never runs it twice.
/// </summary>
public sealed partial class TurnProcessor(
    BotDbContext db,
    ActivityDeduplicator deduplicator,
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

        TurnContext turn;
        try
        {
            turn = new TurnContext
            {
                Activity = activity,
                ConversationKey = TurnContext.KeyFor(activity.ChannelId, activity.Conversation!.Id),
                CommandText = MentionText.StripBotMention(activity),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or JsonException)
        {
            // Reading the activity itself failed (an odd shape a parser admitted): the sender's fault, and a redelivery
            // would fail the same way, so 400, never a 5xx that Teams retries for ever.
            Log.Malformed(logger, activity.Type ?? "(none)", $"unreadable ({ex.GetType().Name})");
            return TurnResult.BadRequest();
        }

        var isInvoke = string.Equals(activity.Type, ActivityTypes.Invoke, StringComparison.Ordinal);
        using var span = BotTelemetry.Start("turn");
        span?.SetTag("infosharing.activity.type", activity.Type);
        span?.SetTag("infosharing.activity.name", activity.Name);
        span?.SetTag("infosharing.conversation.type", activity.Conversation?.ConversationType ?? "personal");
        var dedupeKey = string.IsNullOrEmpty(activity.Id) ? null : ActivityDeduplicator.KeyFor(activity.ChannelId, activity.Conversation!.Id, activity.Id);
        try
        {
            // One connection for the whole turn: EF would otherwise open and close one per statement (on SQLite each open
            // also registers EF's SQL functions again). Transactions and the write gate work per statement as before.
            await db.Database.OpenConnectionAsync(cancellationToken);
            if (await deduplicator.BeginAsync(dedupeKey, activity, cancellationToken) is { } earlier)
            {
                Log.Redelivered(logger, activity.Type!);
                return Replay(earlier, isInvoke);
            }

            var result = await router.RouteAsync(turn, cancellationToken);
            await TryCompleteAsync(result);
            span?.SetTag("infosharing.turn.status", result.StatusCode);
            return result;
        }
        catch (TurnClaimLostException)
        {
            // Another delivery of this activity reached its point of no return first: this one wrote and sent nothing, and
            // answers as that one did.
            Log.ClaimLost(logger, activity.Type!);
            var earlier = await TryReadEarlierAsync(dedupeKey);
            return earlier is not null ? Replay(earlier, isInvoke) : isInvoke ? TurnResult.Invoke(AdaptiveCardInvokeResponse.Message(Recorded)) : TurnResult.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (deduplicator.Committed)
            {
                // The turn's changes were kept or a reply went out: answer it as done, so that a redelivery does not
                // run it again (a second "back", a second reply). Replies are at most once (see TurnReplies).
                Log.TurnFailedAfterCommit(logger, ex, activity.Type!);
                var done = isInvoke ? TurnResult.Invoke(AdaptiveCardInvokeResponse.Message(Recorded)) : TurnResult.Ok;
                await TryCompleteAsync(done);
                return done;
            }

            Log.TurnFailed(logger, ex, activity.Type!);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            return isInvoke
                ? TurnResult.Invoke(AdaptiveCardInvokeResponse.Error(503, "ServiceUnavailable", "The bot could not complete that just now. Nothing was changed; please try again."))
                : new TurnResult(StatusCodes.Status503ServiceUnavailable);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private const string StillWorking = "Still working on your earlier click; the card will update shortly.";
    private const string Recorded = "Your action was recorded; the card will show it shortly.";

    /// <summary>The answer of the delivery that won, or null (then a neutral one) when it cannot be read just now.</summary>
    private async Task<ProcessedActivityRow?> TryReadEarlierAsync(string? key)
    {
        try
        {
            return key is null ? null : await deduplicator.EarlierAsync(key, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.EarlierUnreadable(logger, ex);
            return null;
        }
    }

    /// <summary>
    /// Stores the answer for redeliveries; for a turn that reached no point of no return (it wrote and sent nothing) this
    /// also writes its claim and conversation reference.
    /// </summary>
    private async Task TryCompleteAsync(TurnResult result)
    {
        try
        {
            var body = result.InvokeBody is null ? null : JsonSerializer.Serialize(result.InvokeBody, ProtocolJsonContext.Default.AdaptiveCardInvokeResponse);
            await deduplicator.CompleteAsync(result.StatusCode, body, CancellationToken.None);
        }
        catch (TurnClaimLostException)
        {
            Log.ClaimLost(logger, "finished"); // a second delivery that changed nothing: the first one's answer stands
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The turn is done; a redelivery then gets a neutral answer (committed) or runs a turn that changed nothing.
            Log.CompleteFailed(logger, ex);
        }
    }

    /// <summary>
    /// A redelivery gets the first delivery's answer. A claim an earlier version of the bot left in flight (less than
    /// Bot:TurnClaimTimeout ago) is not done yet: a message gets 503 so a sender that retries comes back (and takes the
    /// claim over if that delivery died); an invoke gets a neutral toast. A turn that committed but could not store its invoke body gets a
    /// neutral toast too.
    /// </summary>
    private static TurnResult Replay(ProcessedActivityRow earlier, bool isInvoke)
    {
        if (!earlier.Completed)
        {
            return isInvoke
                ? TurnResult.Invoke(AdaptiveCardInvokeResponse.Message(StillWorking))
                : new TurnResult(StatusCodes.Status503ServiceUnavailable);
        }

        var body = earlier.ResponseBody is null ? null : JsonSerializer.Deserialize(earlier.ResponseBody, ProtocolJsonContext.Default.AdaptiveCardInvokeResponse);
        if (isInvoke && body is null)
        {
            return TurnResult.Invoke(AdaptiveCardInvokeResponse.Message(Recorded));
        }

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

        [LoggerMessage(EventId = 2105, Level = LogLevel.Error, Message = "Turn for {ActivityType} failed after its changes were committed; answered as done (not run again on redelivery)")]
        public static partial void TurnFailedAfterCommit(ILogger logger, Exception exception, string activityType);

        [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Another delivery of a {ActivityType} turn committed first; this one stopped and answers as that one did")]
        public static partial void ClaimLost(ILogger logger, string activityType);

        [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Could not read the answer of the delivery that committed first; answered neutrally")]
        public static partial void EarlierUnreadable(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "Could not store a finished turn's answer for redeliveries")]
        public static partial void CompleteFailed(ILogger logger, Exception exception);
    }
}
