using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the bot's DbContext for the configured provider, and its readiness check.</summary>
    public static IServiceCollection AddBotStorage(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Provider != StorageProvider.PostgreSQL || !string.IsNullOrWhiteSpace(o.PostgresConnectionString),
                "Storage:PostgresConnectionString is required when Storage:Provider is PostgreSQL.")
            .ValidateOnStart();

        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        switch (options.Provider)
        {
            case StorageProvider.PostgreSQL:
                services.AddDbContextPool<BotDbContext, PostgresBotDbContext>(o => QuietConnectionErrors(o
                    .UseNpgsql(options.PostgresConnectionString, n => n.MigrationsAssembly(typeof(BotDbContext).Assembly.GetName().Name))));
                break;
            default:
                var path = SqliteConnectionString(options, environment.ContentRootPath);
                // One gate and one setup for the process: the pool's contexts share them.
                var gate = new SqliteWriteGate();
                var setup = new SqliteConnectionSetup(options.SqliteSynchronous);
                services.AddDbContextPool<BotDbContext, SqliteBotDbContext>(o => QuietConnectionErrors(o.UseSqlite(path).AddInterceptors(setup, gate)));
                break;
        }

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"], timeout: TimeSpan.FromSeconds(10));
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }

    /// <summary>
    /// EF logs a failed connection open as an error before throwing; the bot logs the same failure once where it is handled
    /// (a start-up refusal naming the database, a turn answered 503, a readiness check): EF's copy goes to Debug, so an
    /// operator sees one line per failure, not two.
    /// </summary>
    private static DbContextOptionsBuilder QuietConnectionErrors(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log((RelationalEventId.ConnectionError, LogLevel.Debug)));

    internal static string SqliteConnectionString(StorageOptions options, string contentRoot)
    {
        var file = Path.IsPathRooted(options.SqlitePath) ? options.SqlitePath : Path.Combine(contentRoot, options.SqlitePath);
        var directory = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(directory))
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new DatabaseStartupException(
                    $"The database (SQLite {file}) cannot be reached: its folder cannot be created ({exception.Message.TrimEnd('.')}). " +
                    "Check Storage:SqlitePath (relative paths are under the app's folder) and the folder's permissions, then start again.",
                    exception);
            }
        }

        // Pooling keeps connections (and their WAL setting) warm; Default Timeout doubles as SQLite's busy timeout.
        return $"Data Source={file};Pooling=True;Default Timeout=30";
    }
}
