using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// SQLite has one writer at a time. Two connections of this process that both want to write would otherwise collide on
/// SQLite's lock, and Microsoft.Data.Sqlite answers a busy database by sleeping the thread (150 ms) and trying again: a
/// stalled thread-pool thread and a turn that takes hundreds of milliseconds. This interceptor makes the writers of this
/// process queue asynchronously instead: a transaction holds the gate from BEGIN to COMMIT or ROLLBACK, a statement that
/// writes outside a transaction holds it while it runs. Turns and the background queues wait in two queues served in
/// turn (<see cref="AlternatingLock"/>), so a saturated load of turns cannot starve the outbox. Reads outside a transaction never wait (WAL lets them run beside
/// the writer). Nothing about what is written, or when it is committed, changes.
/// </summary>
public sealed class SqliteWriteGate : DbConnectionInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    private readonly AlternatingLock _gate = new(); // turns and background queues take turns when both wait
    private readonly ConditionalWeakTable<DbConnection, Holder> _holders = [];

    // ---- transactions: the gate from BEGIN to COMMIT / ROLLBACK

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await AcquireAsync(connection, cancellationToken);
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Acquire(connection);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context?.Database.GetDbConnection());

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context?.Database.GetDbConnection());

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Action is "Commit" or "Rollback")
        {
            Release(eventData.Context?.Database.GetDbConnection());
        }

        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        if (eventData.Action is "Commit" or "Rollback")
        {
            Release(eventData.Context?.Database.GetDbConnection());
        }
    }

    // ---- a writing statement outside a transaction: the gate while it runs

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (NeedsGate(command))
        {
            await AcquireAsync(command.Connection!, cancellationToken);
        }

        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (NeedsGate(command))
        {
            Acquire(command.Connection!);
        }

        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (NeedsGate(command))
        {
            await AcquireAsync(command.Connection!, cancellationToken);
        }

        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (NeedsGate(command))
        {
            Acquire(command.Connection!);
        }

        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        if (NeedsGate(command))
        {
            await AcquireAsync(command.Connection!, cancellationToken);
        }

        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        if (NeedsGate(command))
        {
            Acquire(command.Connection!);
        }

        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(command);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ReleaseStatement(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(command);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        ReleaseStatement(command);
        return result;
    }

    /// <summary>A reader's statement (INSERT … RETURNING) holds SQLite's lock until the reader is done.</summary>
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        ReleaseStatement(command);
        return result;
    }

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(command);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ReleaseStatement(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ReleaseStatement(command);

    // ---- whatever happened, a closed connection holds nothing

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    private static bool NeedsGate(DbCommand command)
    {
        if (command.Transaction is not null || command.Connection is null)
        {
            return false; // inside a transaction, which holds the gate already
        }

        var sql = command.CommandText.AsSpan().TrimStart();
        return !sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
    }

    private void ReleaseStatement(DbCommand command)
    {
        if (command.Transaction is null && command.Connection is { } connection)
        {
            Release(connection);
        }
    }

    private async Task AcquireAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var holder = _holders.GetOrCreateValue(connection);
        if (holder.Held)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        holder.Held = true;
    }

    private void Acquire(DbConnection connection)
    {
        var holder = _holders.GetOrCreateValue(connection);
        if (holder.Held)
        {
            return;
        }

        _gate.Wait();
        holder.Held = true;
    }

    private void Release(DbConnection? connection)
    {
        if (connection is not null && _holders.TryGetValue(connection, out var holder) && holder.Held)
        {
            holder.Held = false;
            _gate.Release();
        }
    }

    private sealed class Holder
    {
        public bool Held { get; set; }
    }
}
