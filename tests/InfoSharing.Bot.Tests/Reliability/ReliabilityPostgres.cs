using InfoSharing.Bot.Tests.Storage;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>
/// A PostgreSQL cluster of the reliability tests' own (they stop and restart it, so it is not shared with the storage
/// tests). Skipped, with the reason, where no PostgreSQL binaries exist.
/// </summary>
public sealed class ReliabilityPostgres : IAsyncLifetime
{
    public PostgresServer Server { get; } = new();

    public ValueTask InitializeAsync() => Server.InitializeAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    /// <summary>Settings for hosts on a fresh database of this cluster.</summary>
    public async Task<Dictionary<string, string?>> DatabaseSettingsAsync() => new()
    {
        ["Storage:Provider"] = "PostgreSQL",
        ["Storage:PostgresConnectionString"] = await Server.CreateDatabaseAsync() + ";Timeout=5;Command Timeout=10;Maximum Pool Size=20",
    };
}

[CollectionDefinition(Name)]
public sealed class ReliabilityPostgresCollection : ICollectionFixture<ReliabilityPostgres>
{
    public const string Name = "reliability-postgres";
}
