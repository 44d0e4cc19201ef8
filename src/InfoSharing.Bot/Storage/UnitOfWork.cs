using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// Runs a change and its audit entries in one transaction, retrying when another writer won a race
/// (a concurrency token or a unique index). On PostgreSQL an advisory transaction lock serialises audit
/// appends across instances (taken by <see cref="AuditLog"/>); on SQLite the immediate transaction is the single writer.
/// Inside a turn, the turn's redelivery claim and conversation reference are written in the same transaction
/// (<see cref="ActivityDeduplicator.CommitClaimAsync"/>), so a redelivery can never run again a turn whose changes were
/// kept, and an ordinary turn commits once. A commit that added outbox rows wakes the outbox.
/// </summary>
public sealed partial class UnitOfWork(BotDbContext db, AuditLog audit, ILogger<UnitOfWork> logger, ActivityDeduplicator? turn = null, OutboxSignal? outbox = null)
{
    private const int MaxAttempts = 8;

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            audit.Reset();
            // No savepoint around each SaveChanges: a failed attempt rolls the whole transaction back anyway, and on
            // PostgreSQL the two extra round trips are spent holding the audit lock.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await work(cancellationToken);
                var sends = db.ChangeTracker.Entries<OutboxMessageRow>().Any(e => e.State == EntityState.Added);
                await db.SaveChangesAsync(cancellationToken);
                var claimed = turn is not null && await turn.CommitClaimAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                if (claimed)
                {
                    turn!.ConfirmCommitted();
                }

                if (sends)
                {
                    outbox?.Notify(); // the sends are committed: the outbox goes now, not at its next poll
                }

                return result;
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsLostRace(ex))
            {
                Log.Retrying(logger, attempt, ex.GetType().Name);
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Another writer won: a concurrency token or unique index (<see cref="DbUpdateException"/> from SaveChanges, or a
    /// unique violation of a plain statement: SQLite's SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY, PostgreSQL's 23505), or
    /// PostgreSQL chose this transaction as a deadlock victim or serialization failure (40P01, 40001), which its
    /// documentation says to retry.
    /// </summary>
    internal static bool IsLostRace(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is DbUpdateException
                || ex is Npgsql.PostgresException { SqlState: "40P01" or "40001" or "23505" }
                || ex is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 })
            {
                return true;
            }
        }

        return false;
    }

    public Task ExecuteAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        ExecuteAsync<bool>(async ct => { await work(ct); return true; }, cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Write lost a race (attempt {Attempt}, {Error}); retrying")]
        public static partial void Retrying(ILogger logger, int attempt, string error);
    }
}
