using System.Diagnostics;
using System.Globalization;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Connector;

/// <summary>
/// Sends the outbox in the background. Rows are claimed with a compare-and-set lease, so several instances
/// sharing one database never send a row twice; 429/5xx are retried with backoff; a post whose outcome is
/// unknown (timeout, or a crash while it was in flight) is never re-sent but marked for attention; a send the
/// connector refuses for good (403 not in roster, 404) is marked failed. Either way the dispatcher records it.
/// </summary>
public sealed partial class OutboxProcessor(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxProcessor> logger) : LeasedQueueWorker(signal, logger)
{
    protected override string QueueName => "outbox";

    /// <summary>Named points where a Development crash test may stop the process (Hosting/CrashHook); no one listens otherwise.</summary>
    private static readonly DiagnosticListener CrashPoints = new("InfoSharing.Bot.CrashPoints");

    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    /// <summary>Claims and sends what is due now; returns how many rows it handled.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.AsNoTracking()
            .Where(r => r.Status == OutboxStatus.Pending && r.NextAttemptAt <= now && (r.LockedUntil == null || r.LockedUntil < now))
            .OrderBy(r => r.CreatedAt)
            .Take(o.BatchSize)
            .ToListAsync(cancellationToken);

        // One request's rows stay in order (its card is posted before it is updated); different requests' rows go out
        // side by side, each group in its own scope, so one slow send does not hold up every other request.
        var groups = due.GroupBy(r => r.RequestId).ToList();
        var concurrency = o.Concurrency ?? (db.IsPostgres ? 4 : 2);
        if (groups.Count <= 1 || concurrency <= 1)
        {
            return await SendInOrderAsync(scope.ServiceProvider, due, cancellationToken);
        }

        var handled = 0;
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            await using var groupScope = scopes.CreateAsyncScope();
            var sent = await SendInOrderAsync(groupScope.ServiceProvider, group, ct);
            Interlocked.Add(ref handled, sent);
        });
        return handled;
    }

    /// <summary>
    /// Sends now, with the caller's scope, a row its writer held (<see cref="Outbox.EnqueueHeld"/>) and committed: takes it
    /// from the hold by a compare-and-set (a row whose hold ran out is the loop's, never sent by both), then sends it as the
    /// loop does, its start recorded before its write leaves. False when it was no longer held.
    /// </summary>
    public async Task<bool> SendHeldAsync(IServiceProvider services, OutboxMessageRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(row);
        var db = services.GetRequiredService<BotDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var leaseUntil = now + options.Value.Lease;
        var owner = Owner;
        var taken = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE outbox SET "LockOwner" = {owner}, "LockedUntil" = {leaseUntil}
            WHERE "Id" = {row.Id} AND "Status" = {OutboxStatus.Pending} AND "LockOwner" = {Outbox.HeldInline} AND "LockedUntil" > {now}
            """,
            cancellationToken);
        if (taken != 1)
        {
            return false;
        }

        await SendAsync(db, services.GetRequiredService<IOutboxDispatcher>(), row, cancellationToken);
        return true;
    }

    /// <summary>Sends one request's due rows in order, with the database and dispatcher of one scope.</summary>
    private async Task<int> SendInOrderAsync(IServiceProvider services, IEnumerable<OutboxMessageRow> due, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var db = services.GetRequiredService<BotDbContext>();
        var dispatcher = services.GetRequiredService<IOutboxDispatcher>();
        var handled = 0;
        foreach (var candidate in due)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var leaseUntil = now + o.Lease;
            // The claim is a compare-and-set on the row as read (its lease, its start mark and its attempts), so what is
            // decided below about an interrupted attempt is about exactly the attempt this claim replaces, and the row as
            // read, with the claim's changes, is the row as it now stands: no read back.
            var previousLease = candidate.LockedUntil;
            var previousStart = candidate.SendStartedAt;
            if (!await ClaimAsync(db, candidate, now, leaseUntil, cancellationToken))
            {
                continue; // another instance has it
            }

            handled++;
            CrashAt("after-claim:", candidate.Operation);
            var row = candidate;
            if (previousLease is not null && previousStart is not null && !OutboxOperations.IsIdempotent(row.Operation))
            {
                // The previous holder's lease ran out after its write had started (a crash mid-send): it may have been accepted.
                await GiveUpAsync(db, dispatcher, row, OutboxStatus.Unknown, "interrupted while sending; it may or may not have been delivered", cancellationToken);
                continue;
            }

            if (previousLease is not null)
            {
                // The previous holder stopped before anything left (or the send is idempotent): send it now.
                Log.Resumed(logger, row.Operation, previousStart is null ? "before its send started" : "during an idempotent send");
            }

            await SendAsync(db, dispatcher, row, cancellationToken);
        }

        return handled;
    }

    /// <summary>
    /// Takes <paramref name="row"/> for this instance if it still stands as it was read: pending, due, its lease (none, or
    /// run out), start mark and attempts unchanged. A plain statement (the loop claims five rows per request); on success
    /// <paramref name="row"/> is updated to what was written.
    /// </summary>
    private async Task<bool> ClaimAsync(BotDbContext db, OutboxMessageRow row, DateTime now, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        var owner = Owner;
        var parameters = new List<object> { leaseUntil, owner, row.Id, OutboxStatus.Pending, now, row.Attempts };
        var sql = new System.Text.StringBuilder(
            """
            UPDATE outbox SET "LockedUntil" = {0}, "LockOwner" = {1}, "SendStartedAt" = NULL, "Attempts" = "Attempts" + 1
            WHERE "Id" = {2} AND "Status" = {3} AND "NextAttemptAt" <= {4} AND "Attempts" = {5}
            """);
        // A null is compared with IS NULL, never bound: PostgreSQL cannot type an untyped null parameter.
        if (row.LockedUntil is { } lease)
        {
            sql.Append(CultureInfo.InvariantCulture, $@" AND ""LockedUntil"" = {{{parameters.Count}}} AND ""LockedUntil"" < {{4}}");
            parameters.Add(lease);
        }
        else
        {
            sql.Append(""" AND "LockedUntil" IS NULL""");
        }

        if (row.SendStartedAt is { } started)
        {
            sql.Append(CultureInfo.InvariantCulture, $@" AND ""SendStartedAt"" = {{{parameters.Count}}}");
            parameters.Add(started);
        }
        else
        {
            sql.Append(""" AND "SendStartedAt" IS NULL""");
        }

        if (await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken) != 1)
        {
            return false;
        }

        row.LockedUntil = leaseUntil;
        row.LockOwner = owner;
        row.SendStartedAt = null;
        row.Attempts++;
        return true;
    }

    private async Task SendAsync(BotDbContext db, IOutboxDispatcher dispatcher, OutboxMessageRow row, CancellationToken cancellationToken)
    {
        using var span = BotTelemetry.Start("outbox " + row.Operation);
        span?.SetTag("infosharing.outbox.purpose", row.Purpose);
        span?.SetTag("infosharing.outbox.attempt", row.Attempts + 1);
        try
        {
            OutboxDispatchResult result;
            // The first write of this send records its start first; what follows the dispatch (a give-up's card
            // update) is not this row's send.
            using (OutboxSendGuard.Arm(ct => MarkStartedAsync(db, row.Id, ct)))
            {
                result = await dispatcher.DispatchAsync(row, cancellationToken);
            }

            var now = time.GetUtcNow().UtcDateTime;
            if (result.Sent)
            {
                CrashAt("after-post:", row.Operation);
                // Plain statements for the two writes every send makes (this and its start mark): EF's LINQ pipeline for an
                // ExecuteUpdate costs more CPU than the statement itself, and the outbox makes five sends per request.
                var (conversationId, activityId) = (result.ConversationId, result.ActivityId);
                await db.Database.ExecuteSqlAsync(
                    $"""
                    UPDATE outbox SET "Status" = {OutboxStatus.Sent}, "CompletedAt" = {now}, "LockedUntil" = NULL,
                        "ResultConversationId" = {conversationId}, "ResultActivityId" = {activityId}
                    WHERE "Id" = {row.Id}
                    """,
                    CancellationToken.None);
                Log.Sent(logger, row.Operation, row.Purpose);
            }
            else
            {
                // Waiting for something outside the outbox (e.g. an approvers' channel): not an attempt.
                await db.Outbox.Where(r => r.Id == row.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.LockedUntil, (DateTime?)null)
                    .SetProperty(r => r.Attempts, r => r.Attempts - 1)
                    .SetProperty(r => r.LastError, result.WaitReason)
                    .SetProperty(r => r.NextAttemptAt, now + options.Value.PollInterval * 15), CancellationToken.None);
            }
        }
        catch (ConnectorException ex)
        {
            var retryable = ex.Kind is ConnectorFailureKind.Throttled or ConnectorFailureKind.Transient
                            || (ex.Kind is ConnectorFailureKind.OutcomeUnknown && OutboxOperations.IsIdempotent(row.Operation));
            if (ex.Kind is ConnectorFailureKind.OutcomeUnknown && !retryable)
            {
                await GiveUpAsync(db, dispatcher, row, OutboxStatus.Unknown, $"{ex.Kind}: the connector did not answer; not re-sent to avoid a duplicate", cancellationToken);
            }
            else if (!retryable || row.Attempts >= options.Value.MaxAttempts)
            {
                await GiveUpAsync(db, dispatcher, row, OutboxStatus.Failed, $"{ex.Kind} ({(int?)ex.StatusCode}) {ex.ErrorCode}".Trim(), cancellationToken);
            }
            else
            {
                await RetryLaterAsync(db, row, $"{ex.Kind} ({(int?)ex.StatusCode})");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DispatchFailed(logger, ex, row.Operation);
            if (row.Attempts >= options.Value.MaxAttempts)
            {
                await GiveUpAsync(db, dispatcher, row, OutboxStatus.Failed, ex.GetType().Name, cancellationToken);
            }
            else
            {
                await RetryLaterAsync(db, row, ex.GetType().Name);
            }
        }
    }

    private async Task MarkStartedAsync(BotDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow().UtcDateTime;
        var owner = Owner;
        await db.Database.ExecuteSqlAsync($"""UPDATE outbox SET "SendStartedAt" = {started} WHERE "Id" = {id} AND "LockOwner" = {owner}""", cancellationToken);
    }

    private async Task RetryLaterAsync(BotDbContext db, OutboxMessageRow row, string error)
    {
        var o = options.Value;
        var delay = TimeSpan.FromTicks(Math.Min(o.MaxRetryDelay.Ticks, o.FirstRetryDelay.Ticks * (1L << Math.Min(row.Attempts - 1, 20))));
        var next = time.GetUtcNow().UtcDateTime + delay;
        await db.Outbox.Where(r => r.Id == row.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.LockedUntil, (DateTime?)null)
            .SetProperty(r => r.SendStartedAt, (DateTime?)null)
            .SetProperty(r => r.LastError, error)
            .SetProperty(r => r.NextAttemptAt, next), CancellationToken.None);
        Log.WillRetry(logger, row.Operation, error, delay);
    }

    /// <summary>
    /// Records and surfaces the failure first (audit entry, problem on the card), then ends the row: a crash in between
    /// leaves a row that is given up again (reported twice), never one that ended without being reported.
    /// </summary>
    private async Task GiveUpAsync(BotDbContext db, IOutboxDispatcher dispatcher, OutboxMessageRow row, string status, string error, CancellationToken cancellationToken)
    {
        Log.GaveUp(logger, row.Operation, status, error);
        await dispatcher.OnGaveUpAsync(row, status, error, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Outbox.Where(r => r.Id == row.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.LockedUntil, (DateTime?)null)
            .SetProperty(r => r.LastError, error)
            .SetProperty(r => r.CompletedAt, now), CancellationToken.None);
    }

    private static void CrashAt(string point, string operation)
    {
        if (CrashPoints.IsEnabled())
        {
            CrashPoints.Write(point + operation, null);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Outbox {Operation} ({Purpose}) sent")]
        public static partial void Sent(ILogger logger, string operation, string purpose);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Outbox {Operation} failed ({Error}); retrying in {Delay}")]
        public static partial void WillRetry(ILogger logger, string operation, string error, TimeSpan delay);

        [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Outbox {Operation}: the previous attempt's lease ran out {When}; sending it now")]
        public static partial void Resumed(ILogger logger, string operation, string when);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Outbox {Operation} ended {Status}: {Error}")]
        public static partial void GaveUp(ILogger logger, string operation, string status, string error);

        [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Outbox {Operation} dispatch threw")]
        public static partial void DispatchFailed(ILogger logger, Exception exception, string operation);

    }
}
