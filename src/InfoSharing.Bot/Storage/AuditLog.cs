using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// Appends to the audit trail inside the caller's unit of work, so an entry commits with the change it records.
/// Appends are serialised by <see cref="UnitOfWork"/> (an advisory lock on PostgreSQL, the single writer on SQLite),
/// and the unique sequence index turns any slip into a retried conflict rather than a fork in the chain.
/// </summary>
public sealed class AuditLog(BotDbContext db, TimeProvider time)
{
    private const long AuditLockKey = 0x15B07_A0D17;
    private AuditEntryRow? _last;

    private bool _locked;

    /// <summary>
    /// Takes the audit lock (PostgreSQL) for the rest of the transaction. A unit of work that will audit and also takes
    /// row locks (a compare-and-set on a request) calls this first: always audit lock, then rows, or two instances
    /// deadlock (one holds the lock and waits for the row, the other holds the row and waits for the lock).
    /// </summary>
    public async Task LockAsync(CancellationToken cancellationToken)
    {
        if (!_locked && db.Database.IsNpgsql())
        {
            // Serialise appends across instances for the rest of this transaction (taken only by writes that audit).
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditLockKey})", cancellationToken);
        }

        _locked = true;
    }

    public async Task AppendAsync(string actor, string action, string subjectType, string? subjectId, JsonObject? details, CancellationToken cancellationToken)
    {
        await LockAsync(cancellationToken);

        _last ??= await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        var sequence = (_last?.Sequence ?? 0) + 1;
        var previous = _last?.Hash ?? AuditChain.GenesisHash;
        var at = TruncateToMicroseconds(time.GetUtcNow().UtcDateTime);
        var detailText = details?.ToJsonString(JsonSerializerOptions.Default);
        var entry = new AuditEntryRow
        {
            Sequence = sequence,
            At = at,
            Actor = actor,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Details = detailText,
            PreviousHash = previous,
            Hash = AuditChain.ComputeHash(sequence, at, actor, action, subjectType, subjectId, detailText, previous),
        };
        db.AuditEntries.Add(entry);
        _last = entry;
    }

    /// <summary>Forgets the cached chain head and the lock (after a rolled-back attempt).</summary>
    public void Reset()
    {
        _last = null;
        _locked = false;
    }

    // PostgreSQL keeps microseconds; hash what the database will give back.
    private static DateTime TruncateToMicroseconds(DateTime t) => new(t.Ticks - (t.Ticks % 10), DateTimeKind.Utc);
}
