using InfoSharing.Bot.Tests.Storage;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>Which database a records test host uses: a fresh SQLite file (the default), or a fresh database on the loopback PostgreSQL server.</summary>
public sealed record RecordsDatabase(string Name, IReadOnlyDictionary<string, string?> Settings)
{
    public static RecordsDatabase Sqlite { get; } = new("SQLite", new Dictionary<string, string?>());

    /// <summary>A new empty database on the throw-away cluster; skips the test when there is no PostgreSQL on this machine.</summary>
    public static async Task<RecordsDatabase> PostgresAsync(PostgresServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (server.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        return new("PostgreSQL", new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL",
            ["Storage:PostgresConnectionString"] = await server.CreateDatabaseAsync(),
        });
    }
}
