using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Storage;

/// <summary>Creates and migrates the database at start-up, before the first turn is accepted.</summary>
public sealed partial class DatabaseInitializer(IServiceScopeFactory scopes, IOptions<StorageOptions> options, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStartup)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the one writer; NORMAL sync is durable across process crashes in WAL mode.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        Log.Migrated(logger, db.Database.ProviderName ?? "unknown");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database ready ({Provider})")]
        public static partial void Migrated(ILogger logger, string provider);
    }
}
