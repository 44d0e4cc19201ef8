using InfoSharing.Bot.Tests.Storage;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>
/// Tests that measure the process's live managed heap: they run alone (after the parallel tests), so no other test's
/// memory is counted. Has its own throw-away PostgreSQL cluster.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RecordsMemoryCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "records-memory";
}
