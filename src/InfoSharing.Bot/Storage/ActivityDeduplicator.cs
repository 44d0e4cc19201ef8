using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Protocol;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// Recognises Teams' redelivery of an activity (same channel, conversation and id; protocol.md §1.4) across all
/// instances, and writes what every turn writes: its activity id and its conversation's reference.
/// <para>
/// Scoped to one turn, it holds that turn's claim, which is written once, at the turn's point of no return: inside the
/// transaction of its first unit of work, or just before its first message leaves, or at the end of a turn that did
/// neither, whichever comes first. The claim is written completed, with the conversation reference's refresh beside it,
/// so a turn's changes, its reference and its "done" mark commit together: one write transaction for an ordinary turn.
/// Before it, a turn only reads; two deliveries of one activity may both run that far, but only one can write the claim
/// (a unique key), and the other stops without writing or sending anything and answers as the first one did. So a
/// redelivery never runs again a turn whose changes were kept or whose messages went out, and a delivery whose instance
/// died before its point of no return left nothing behind that could hold up the redelivery.
/// </para>
/// </summary>
public sealed class ActivityDeduplicator(BotDbContext db, ConversationReferenceStore references, TimeProvider time, IOptions<BotOptions> options)
{
    private string? _claimKey;
    private BotActivity? _activity;

    /// <summary>True once this turn's claim was committed: its changes are kept, so it must be answered as done.</summary>
    public bool Committed { get; private set; }

    public static string KeyFor(string? channelId, string? conversationId, string activityId) => $"{channelId}|{conversationId}|{activityId}";

    /// <summary>
    /// Starts a turn for <paramref name="activity"/> (its claim <paramref name="key"/>, or null for an activity without an
    /// id, which cannot be recognised when redelivered) and reads, without writing, whether an earlier delivery already
    /// answered it. Returns that delivery's row, or null when this one runs the turn.
    /// </summary>
    public async Task<ProcessedActivityRow?> BeginAsync(string? key, BotActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _claimKey = key;
        _activity = activity;
        Committed = false;
        return key is null ? null : await EarlierAsync(key, cancellationToken);
    }

    /// <summary>
    /// The earlier delivery's row when it still stands: answered inside the window, or (a claim written in flight by an
    /// earlier version of the bot) in flight for less than <see cref="BotOptions.TurnClaimTimeout"/>.
    /// </summary>
    public async Task<ProcessedActivityRow?> EarlierAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // A plain statement (PlainQuery): read on every turn, and EF's LINQ pipeline for it was 4.4% of the bot's CPU.
        var row = await db.FirstOrNullAsync(
            """
            SELECT "ReceivedAt", "ExpiresAt", "Completed", "StatusCode", "ResponseBody" FROM processed_activities WHERE "Key" = @key
            """,
            new Dictionary<string, object> { ["@key"] = key },
            reader => new ProcessedActivityRow
            {
                Key = key,
                ReceivedAt = reader.GetDateTime(0),
                ExpiresAt = reader.GetDateTime(1),
                Completed = reader.GetBoolean(2),
                StatusCode = reader.GetInt32(3),
                ResponseBody = reader.IsDBNull(4) ? null : reader.GetString(4),
            },
            cancellationToken);
        return row is null || row.ExpiresAt < now || (!row.Completed && row.ReceivedAt + options.Value.TurnClaimTimeout < now) ? null : row;
    }

    /// <summary>
    /// The turn's point of no return, inside the caller's transaction: writes the conversation reference and the claim,
    /// completed as a plain 200 (until <see cref="CompleteAsync"/> stores another answer), so it commits with the turn's
    /// changes. Returns true when this call wrote them (the caller confirms with <see cref="ConfirmCommitted"/> once its
    /// transaction committed). Throws <see cref="TurnClaimLostException"/> when another delivery of the activity wrote the
    /// claim first: nothing of this delivery may then be committed or sent.
    /// </summary>
    public async Task<bool> CommitClaimAsync(CancellationToken cancellationToken)
    {
        if (Committed)
        {
            return false;
        }

        if (_activity is null)
        {
            return true; // not a turn (the outbox, a reminder): nothing to write
        }

        await references.UpsertAsync(_activity, cancellationToken);
        if (_claimKey is { } key && !await TryWriteClaimAsync(key, cancellationToken))
        {
            throw new TurnClaimLostException(key);
        }

        return true;
    }

    /// <summary>After the transaction in which <see cref="CommitClaimAsync"/> returned true has committed.</summary>
    public void ConfirmCommitted() => Committed = true;

    /// <summary>Commits the claim in a transaction of its own, e.g. just before the turn's first message is sent.</summary>
    public async Task CommitClaimNowAsync(CancellationToken cancellationToken)
    {
        if (!Committed)
        {
            await InTransactionAsync(CommitClaimAsync, cancellationToken);
        }
    }

    /// <summary>
    /// Stores the turn's answer for redeliveries. A turn that reached no point of no return writes its claim and reference
    /// with the answer (one transaction); one whose claim was committed with a plain 200 has nothing more to write (the row
    /// already holds what a redelivery must get).
    /// </summary>
    public async Task CompleteAsync(int statusCode, string? responseBody, CancellationToken cancellationToken)
    {
        var plain = statusCode == StatusCodes.Status200OK && responseBody is null;
        if (Committed && plain)
        {
            return;
        }

        if (Committed)
        {
            await StoreAnswerAsync(statusCode, responseBody, cancellationToken);
            return;
        }

        await InTransactionAsync(
            async ct =>
            {
                var wrote = await CommitClaimAsync(ct);
                if (!plain)
                {
                    await StoreAnswerAsync(statusCode, responseBody, ct);
                }

                return wrote;
            },
            cancellationToken);
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.ProcessedActivities.Where(p => p.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// One statement that a second delivery cannot pass (the same text on SQLite and PostgreSQL): a new key is inserted; an
    /// existing one is taken over only when it is outside the window (an id seen long ago is a new activity) or a claim an
    /// earlier version left in flight and went stale; otherwise nothing changes and this delivery has lost.
    /// </summary>
    private async Task<bool> TryWriteClaimAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + options.Value.DeduplicationWindow;
        var staleBefore = now - options.Value.TurnClaimTimeout;
        var written = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO processed_activities ("Key", "ReceivedAt", "ExpiresAt", "Completed", "StatusCode")
            VALUES ({key}, {now}, {expires}, {true}, {StatusCodes.Status200OK})
            ON CONFLICT ("Key") DO UPDATE SET "ReceivedAt" = excluded."ReceivedAt", "ExpiresAt" = excluded."ExpiresAt",
                "Completed" = excluded."Completed", "StatusCode" = excluded."StatusCode", "ResponseBody" = NULL
            WHERE processed_activities."ExpiresAt" < {now}
                OR (NOT processed_activities."Completed" AND processed_activities."ReceivedAt" < {staleBefore})
            """,
            cancellationToken);
        return written == 1;
    }

    private Task StoreAnswerAsync(int statusCode, string? responseBody, CancellationToken cancellationToken) =>
        _claimKey is not { } key
            ? Task.CompletedTask
            : db.Database.ExecuteSqlAsync(
                $"""UPDATE processed_activities SET "StatusCode" = {statusCode}, "ResponseBody" = {responseBody} WHERE "Key" = {key}""",
                cancellationToken);

    private async Task InTransactionAsync(Func<CancellationToken, Task<bool>> write, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var wrote = await write(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (wrote)
        {
            ConfirmCommitted();
        }
    }
}
