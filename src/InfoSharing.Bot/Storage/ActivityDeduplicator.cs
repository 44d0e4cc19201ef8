using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Protocol;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// Recognises Teams' redelivery of an activity (same channel, conversation and id; protocol.md §1.4) across all
/// instances: the first delivery claims a row; a later one gets the first one's result instead of acting twice.
/// <para>
/// Scoped to one turn, it also holds that turn's claim. The claim is <em>committed</em> (marked completed) at the
/// turn's point of no return: inside the transaction of its first unit of work, or just before its first message
/// leaves, whichever comes first. So a turn's changes and its "done" mark commit together, a redelivery never runs a
/// turn whose changes were kept or whose messages went out, and an in-flight claim whose instance died (nothing
/// committed) is taken over by the redelivery once it is older than <see cref="BotOptions.TurnClaimTimeout"/>.
/// </para>
/// </summary>
public sealed class ActivityDeduplicator(BotDbContext db, TimeProvider time, IOptions<BotOptions> options)
{
    private string? _claimKey;
    private DateTime _claimedAt;

    /// <summary>True once this turn's claim was committed: its changes are kept, so it must be answered as done.</summary>
    public bool Committed { get; private set; }

    public static string KeyFor(string? channelId, string? conversationId, string activityId) => $"{channelId}|{conversationId}|{activityId}";

    /// <summary>
    /// Claims the key and, when this delivery may run the turn, runs <paramref name="alsoOnClaim"/> (the conversation
    /// reference's refresh) in the same transaction: one commit instead of two (one WAL write on SQLite, one fsync on
    /// PostgreSQL). What each write means is unchanged: the claim row is committed (in flight) before the turn runs.
    /// </summary>
    public async Task<ProcessedActivityRow?> TryClaimAsync(string key, Func<CancellationToken, Task> alsoOnClaim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alsoOnClaim);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var earlier = await TryClaimAsync(key, cancellationToken);
        if (earlier is null)
        {
            await alsoOnClaim(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return earlier;
    }

    /// <summary>
    /// Claims the key for this turn. Returns null when this delivery may run the turn (the first one, or the takeover
    /// of a stale claim that committed nothing), else the earlier delivery's row (completed, or still in flight).
    /// </summary>
    public async Task<ProcessedActivityRow?> TryClaimAsync(string key, CancellationToken cancellationToken)
    {
        var now = Stamp(time.GetUtcNow().UtcDateTime);
        var expires = now + options.Value.DeduplicationWindow;
        // One statement that cannot fail on a redelivery (INSERT ... ON CONFLICT DO NOTHING, the same text on SQLite and
        // PostgreSQL): a redelivery racing the first delivery is normal, so it must not log a unique-constraint failure.
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO processed_activities ("Key", "ReceivedAt", "ExpiresAt", "Completed", "StatusCode")
            VALUES ({key}, {now}, {expires}, {false}, {0})
            ON CONFLICT ("Key") DO NOTHING
            """,
            cancellationToken);
        if (inserted == 1)
        {
            Hold(key, now);
            return null;
        }

        var existing = await db.ProcessedActivities.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, cancellationToken);
        if (existing is null)
        {
            // Purged between the insert and the read: claim it again.
            return await TryClaimAsync(key, cancellationToken);
        }

        if (existing.ExpiresAt < now)
        {
            // An id seen long ago (outside the window) is a new activity: take the row over (a compare-and-set, so of two
            // deliveries of it only one runs it).
            var expired = existing.ExpiresAt;
            var renewed = await db.ProcessedActivities
                .Where(p => p.Key == key && p.ExpiresAt == expired)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(p => p.ReceivedAt, now).SetProperty(p => p.ExpiresAt, expires).SetProperty(p => p.Completed, false)
                        .SetProperty(p => p.StatusCode, 0).SetProperty(p => p.ResponseBody, (string?)null),
                    cancellationToken);
            if (renewed == 1)
            {
                Hold(key, now);
                return null;
            }

            return await TryClaimAsync(key, cancellationToken);
        }

        if (!existing.Completed && existing.ReceivedAt + options.Value.TurnClaimTimeout < now)
        {
            // The delivery holding it stopped (a crash, a lost database) before committing anything: run it here.
            var stale = existing.ReceivedAt;
            var taken = await db.ProcessedActivities
                .Where(p => p.Key == key && !p.Completed && p.ReceivedAt == stale)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReceivedAt, now).SetProperty(p => p.ExpiresAt, expires), cancellationToken);
            if (taken == 1)
            {
                Hold(key, now);
                return null;
            }

            return await db.ProcessedActivities.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, cancellationToken) ?? existing;
        }

        return existing;
    }

    /// <summary>
    /// The turn's point of no return: marks its claim completed (a plain 200 until <see cref="CompleteAsync"/> stores the
    /// real answer). Called inside a unit of work's transaction, it commits with the turn's changes. Returns true when
    /// this call changed the row (the caller confirms with <see cref="ConfirmCommitted"/> once its transaction committed).
    /// Throws <see cref="TurnClaimLostException"/> when another delivery took the claim over.
    /// </summary>
    public async Task<bool> CommitClaimAsync(CancellationToken cancellationToken)
    {
        if (Committed)
        {
            return false;
        }

        if (_claimKey is null)
        {
            // No claim (an activity without an id cannot be recognised when redelivered): the point of no return still
            // counts, so a failure after it answers "done", not a 503 that asks the sender to run the turn again.
            return true;
        }

        var key = _claimKey;
        var claimedAt = _claimedAt;
        var changed = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE processed_activities SET "Completed" = {true}, "StatusCode" = {StatusCodes.Status200OK}
            WHERE "Key" = {key} AND "ReceivedAt" = {claimedAt} AND NOT "Completed"
            """,
            cancellationToken);
        if (changed != 1)
        {
            throw new TurnClaimLostException(key);
        }

        return true;
    }

    /// <summary>After the transaction in which <see cref="CommitClaimAsync"/> returned true has committed.</summary>
    public void ConfirmCommitted() => Committed = true;

    /// <summary>Commits the claim on its own (outside any transaction), e.g. just before the turn's first message is sent.</summary>
    public async Task CommitClaimNowAsync(CancellationToken cancellationToken)
    {
        if (await CommitClaimAsync(cancellationToken))
        {
            ConfirmCommitted();
        }
    }

    /// <summary>
    /// Stores the turn's answer for redeliveries (only on this turn's own claim). Nothing to write when this turn's claim
    /// was committed and the answer is a plain 200: <see cref="CommitClaimAsync"/> stored exactly that (completed, 200, no
    /// body), so the row already holds what a redelivery must get.
    /// </summary>
    public Task CompleteAsync(string key, int statusCode, string? responseBody, CancellationToken cancellationToken)
    {
        var mine = string.Equals(key, _claimKey, StringComparison.Ordinal);
        if (mine && Committed && statusCode == StatusCodes.Status200OK && responseBody is null)
        {
            return Task.CompletedTask;
        }

        var claimedAt = _claimedAt;
        return mine
            ? db.Database.ExecuteSqlAsync(
                $"""
                UPDATE processed_activities SET "Completed" = {true}, "StatusCode" = {statusCode}, "ResponseBody" = {responseBody}
                WHERE "Key" = {key} AND "ReceivedAt" = {claimedAt}
                """,
                cancellationToken)
            : db.Database.ExecuteSqlAsync(
                $"""
                UPDATE processed_activities SET "Completed" = {true}, "StatusCode" = {statusCode}, "ResponseBody" = {responseBody}
                WHERE "Key" = {key}
                """,
                cancellationToken);
    }

    /// <summary>
    /// Forgets this turn's own claim when the turn failed before committing anything, so the channel's redelivery can run
    /// it again. Does nothing for a key this turn does not hold (e.g. when claiming it failed).
    /// </summary>
    public Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        if (!string.Equals(key, _claimKey, StringComparison.Ordinal) || Committed)
        {
            return Task.CompletedTask;
        }

        var claimedAt = _claimedAt;
        return db.ProcessedActivities.Where(p => p.Key == key && !p.Completed && p.ReceivedAt == claimedAt).ExecuteDeleteAsync(cancellationToken);
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.ProcessedActivities.Where(p => p.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }

    private void Hold(string key, DateTime claimedAt)
    {
        _claimKey = key;
        _claimedAt = claimedAt;
        Committed = false;
    }

    // The claim time identifies the claim in compare-and-sets: keep only what PostgreSQL stores (microseconds).
    private static DateTime Stamp(DateTime t) => new(t.Ticks - (t.Ticks % 10), DateTimeKind.Utc);
}
