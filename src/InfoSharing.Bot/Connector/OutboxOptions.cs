namespace InfoSharing.Bot.Connector;

/// <summary>Section <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);
    public int BatchSize { get; set; } = 16;

    /// <summary>
    /// How many requests' rows are sent side by side (one request's rows always go out in order). Default: 4 on
    /// PostgreSQL; 2 on SQLite, whose single writer makes more parallel sends queue there and delay the turns' own writes
    /// (with 1 the outbox fell behind a saturated bench: practitioners not told within 30 s; bench/README.md).
    /// </summary>
    public int? Concurrency { get; set; }

    /// <summary>Process the outbox in this instance (turn off on instances that should only take turns).</summary>
    public bool Enabled { get; set; } = true;
}
