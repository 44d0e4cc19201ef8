using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// Per-connection SQLite settings, applied once to each native connection of the pool (they are not stored in the
/// file): <c>synchronous</c> as configured, and reads of the database file through a memory map (256 MiB at most). In WAL mode NORMAL commits every transaction before it returns and survives a
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
        // mmap: pages of the database file are read from the page cache in place instead of a pread() each (WAL frames
        // and every write go through the WAL as before; nothing about durability changes).
        command.CommandText = (synchronous == SqliteSynchronous.Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;")
            + " PRAGMA mmap_size=268435456;";
        command.ExecuteNonQuery();
        _configured.AddOrUpdate(handle, handle);
    }
}
