namespace InfoSharing.Bot.Connector;

/// <summary>Settings of the outbound Connector client, bound from the <c>Connector</c> section.</summary>
public sealed class ConnectorOptions
{
    public const string SectionName = "Connector";

    /// <summary>The hosts that may receive the bot's token when <see cref="AllowedServiceUrlHosts"/> is left empty (protocol.md §4.6).</summary>
    public static IReadOnlyList<string> DefaultAllowedServiceUrlHosts { get; } =
    [
        "*.botframework.com",
        "smba.trafficmanager.net",
        "*.teams.microsoft.com",
        "*.teams.microsoft.us",
        "*.botframework.us",
    ];

    /// <summary>
    /// <c>Connector:AllowedServiceUrlHosts</c>: exact host names or <c>*.suffix</c> patterns (any depth of subdomain, not the
    /// suffix itself). Empty means <see cref="DefaultAllowedServiceUrlHosts"/>. A configured list replaces the defaults.
    /// </summary>
    public IList<string> AllowedServiceUrlHosts { get; set; } = [];

    /// <summary><c>Connector:AllowLoopback</c>: also allow <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c> (http or https). Development and tests only; refused in Production.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary><c>Connector:MaxRetries</c>: retries after a 429 or 503 (so at most MaxRetries + 1 attempts). 0 to 10.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary><c>Connector:AttemptTimeout</c>: the limit for one attempt, response body included. A timed-out write is not retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>Connector:InitialRetryDelay</c>: first backoff when a 429/503 has no <c>Retry-After</c>; doubles per retry, ±20 % jitter.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// <c>Connector:MaxRetryDelay</c>: the longest wait between attempts. A <c>Retry-After</c> longer than this is not waited
    /// out inline: the call fails as <see cref="ConnectorFailureKind.Throttled"/> with <see cref="ConnectorException.RetryAfter"/> set.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The allow-list in force: the configured patterns, or the defaults when none are configured.</summary>
    public IReadOnlyList<string> EffectiveAllowedServiceUrlHosts =>
        AllowedServiceUrlHosts.Count > 0 ? [.. AllowedServiceUrlHosts] : DefaultAllowedServiceUrlHosts;
}
