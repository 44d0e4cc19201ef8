using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// Per-connection SQLite settings, applied once to each native connection of the pool (they are not stored in the
/// file): <c>synchronous</c> as configured. In WAL mode NORMAL commits every transaction before it returns and survives a
/// crash of the process; only an OS crash or power loss can lose the last commits (FULL also syncs the WAL on every commit).
/// </summary>
public sealed class SqliteConnectionSetup(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Configure(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Configure(connection);
        return Task.CompletedTask;
    }

    private void Configure(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        // No mmap_size: measured, a memory-mapped database file counts in the process's resident set as it grows (bench:
        // file-backed RSS 100 -> 140 MB in one realistic shape) for ~3% of CPU saved in pread (bench/README.md).
        command.CommandText = synchronous == SqliteSynchronous.Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        _configured.AddOrUpdate(handle, handle);
    }
}
