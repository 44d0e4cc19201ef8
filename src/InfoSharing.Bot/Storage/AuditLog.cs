using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// Appends to the audit trail inside the caller's unit of work (written at once, in its transaction), so an entry commits
/// with the change it records.
/// Appends are serialised by <see cref="UnitOfWork"/> (an advisory lock on PostgreSQL, the single writer on SQLite),
/// and the unique sequence index turns any slip into a retried conflict rather than a fork in the chain.
/// </summary>
public sealed class AuditLog(BotDbContext db, TimeProvider time)
{
    private const long AuditLockKey = 0x15B07_A0D17;
    private ChainHead? _head;

    private bool _locked;

    /// <summary>
    /// Takes the audit lock (PostgreSQL) for the rest of the transaction. A unit of work that will audit and also takes
    /// row locks (a compare-and-set on a request) calls this first: always audit lock, then rows, or two instances
    /// deadlock (one holds the lock and waits for the row, the other holds the row and waits for the lock).
    /// </summary>
    public async Task LockAsync(CancellationToken cancellationToken)
    {
        if (!_locked && db.IsPostgres)
        {
            // Serialise appends across instances for the rest of this transaction (taken only by writes that audit).
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditLockKey})", cancellationToken);
        }

        _locked = true;
    }

    public async Task AppendAsync(string actor, string action, string subjectType, string? subjectId, JsonObject? details, CancellationToken cancellationToken)
    {
        await LockAsync(cancellationToken);

        _head ??= await ReadHeadAsync(cancellationToken);
        var sequence = _head.Sequence + 1;
        var previous = _head.Hash;
        var at = TruncateToMicroseconds(time.GetUtcNow().UtcDateTime);
        var detailText = details?.ToJsonString(JsonSerializerOptions.Default);
        var hash = AuditChain.ComputeHash(sequence, at, actor, action, subjectType, subjectId, detailText, previous);
        // A plain INSERT in the caller's transaction, not a tracked row for SaveChanges: EF's change tracking and batch
        // pipeline for it was most of SaveChanges' cost on an ordinary dialog turn (bench/README.md). A duplicate sequence
        // still fails on the unique index and the unit of work retries it (UnitOfWork.IsLostRace).
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO audit_entries ("Sequence", "At", "Actor", "Action", "SubjectType", "SubjectId", "Details", "PreviousHash", "Hash")
            VALUES ({sequence}, {at}, {actor}, {action}, {subjectType}, {subjectId}, {detailText}, {previous}, {hash})
            """,
            cancellationToken);
        _head = new ChainHead(sequence, hash);
    }

    /// <summary>
    /// The chain's last sequence and hash, or (0, genesis) for an empty chain. A plain statement: read on every audited
    /// turn, and EF's LINQ pipeline for it (parameter extraction, query-cache lookup, materialising the whole row) was
    /// 3.7% of the bot's CPU in the saturated profile (bench/README.md).
    /// </summary>
    private async Task<ChainHead> ReadHeadAsync(CancellationToken cancellationToken) =>
        await db.FirstOrNullAsync("""SELECT "Sequence", "Hash" FROM audit_entries ORDER BY "Sequence" DESC LIMIT 1""",
            reader => new ChainHead(reader.GetInt64(0), reader.GetString(1)), cancellationToken)
        ?? new ChainHead(0, AuditChain.GenesisHash);

    /// <summary>Forgets the cached chain head and the lock (after a rolled-back attempt).</summary>
    public void Reset()
    {
        _head = null;
        _locked = false;
    }

    /// <summary>The chain's last sequence and hash, where the next entry links on.</summary>
    private sealed record ChainHead(long Sequence, string Hash);

    // PostgreSQL keeps microseconds; hash what the database will give back.
    private static DateTime TruncateToMicroseconds(DateTime t) => new(t.Ticks - (t.Ticks % 10), DateTimeKind.Utc);
}
