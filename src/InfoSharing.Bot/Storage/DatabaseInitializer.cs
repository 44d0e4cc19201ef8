using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Storage;

/// <summary>Creates and migrates the database at start-up, before the first turn is accepted.</summary>
public sealed partial class DatabaseInitializer(IServiceScopeFactory scopes, IOptions<StorageOptions> options, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        try
        {
            if (!options.Value.MigrateOnStartup)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    throw new DatabaseStartupException(
                        $"The database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}) and Storage:MigrateOnStartup is false. " +
                        "Apply them (the deploy step, or set Storage:MigrateOnStartup=true) and start again.");
                }

                return;
            }

            if (!db.IsPostgres)
            {
                // WAL lets readers run beside the one writer; NORMAL sync is durable across process crashes in WAL mode.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            if (db.IsPostgres)
            {
                // Instances starting together create the history table and migrate one at a time: PostgreSQL's CREATE
                // TABLE IF NOT EXISTS is not safe against a concurrent one (a duplicate-key error on its catalogue).
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
                try
                {
                    // On a new database EF first reads a history table that is not there yet and logs that as a failed
                    // command, an operator's "fail:" line on every first start (seen in the load smoke run): create it first.
                    await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                    await db.Database.MigrateAsync(cancellationToken);
                }
                finally
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
                    await db.Database.CloseConnectionAsync();
                }
            }
            else
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException or IOException
            || (exception is InvalidOperationException && exception.InnerException is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException))
        {
            throw new DatabaseStartupException(
                $"The database ({Describe(db)}) cannot be reached: {(exception.InnerException ?? exception).Message.TrimEnd('.')}. " +
                "Check Storage:Provider, Storage:SqlitePath or Storage:PostgresConnectionString and that the database is running, then start again.",
                exception);
        }

        Log.Migrated(logger, db.Database.ProviderName ?? "unknown");
    }

    /// <summary>The PostgreSQL advisory lock the instances take to migrate one at a time (distinct from the audit's).</summary>
    private const long MigrationLockKey = 0x1F05_0001;

    /// <summary>Which database, without credentials: the SQLite file, or the PostgreSQL host and database.</summary>
    internal static string Describe(BotDbContext db)
    {
        if (!db.IsPostgres)
        {
            return "SQLite " + db.Database.GetDbConnection().DataSource;
        }

        var connection = db.Database.GetDbConnection();
        return $"PostgreSQL {connection.DataSource}/{connection.Database}";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database ready ({Provider})")]
        public static partial void Migrated(ILogger logger, string provider);
    }
}
