namespace InfoSharing.Bot.LoadTest;

/// <summary>What one run does. Every loop is bounded by <see cref="Turns"/> and <see cref="MaxDuration"/>.</summary>
public sealed record LoadOptions
{
    /// <summary>Activities posted to the bot (practitioner messages and submits, approvers' clicks); redeliveries not counted.</summary>
    public int Turns { get; init; } = 10_000;

    /// <summary>1:1 conversations driven at the same time, each by one simulated practitioner.</summary>
    public int Conversations { get; init; } = 200;

    /// <summary>Share of connector calls answered with an injected fault.</summary>
    public double FaultRate { get; init; } = 0.01;

    /// <summary>Share of turns posted a second time with the same id after they were answered (Teams' redelivery).</summary>
    public double RedeliveryRate { get; init; } = 0.01;

    public int Seed { get; init; } = 20261124;

    /// <summary>SIGKILL the bot (the first instance) when this many turns have been posted, then start it again (each once).</summary>
    public IReadOnlyList<int> KillAtTurns { get; init; } = [];

    /// <summary>The whole run stops by itself after this long.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Concurrent approvers clicking Approve on the cards as they are posted.</summary>
    public int Approvers { get; init; } = 8;

    /// <summary>The bot's Connector:AttemptTimeout; an injected hang lasts one second longer.</summary>
    public TimeSpan ConnectorTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Bot processes sharing the database; every delivery goes to one of them at random (no sticky routing). More than one needs PostgreSQL.</summary>
    public int Instances { get; init; } = 1;

    /// <summary>PostgreSQL connection string (<c>auto</c>: a throw-away cluster on loopback); null runs on a SQLite file in <see cref="WorkDirectory"/>.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Where the database file and the bot's log go; a new temp folder when null.</summary>
    public string? WorkDirectory { get; init; }
}
