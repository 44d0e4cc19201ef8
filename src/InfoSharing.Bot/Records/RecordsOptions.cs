namespace InfoSharing.Bot.Records;

/// <summary>
/// Section <c>Records</c>: the auditors' export (its sign-in and the public link the <c>records</c> command shows)
/// and retention per record type (<c>Records:Retention:&lt;type&gt;</c>).
/// </summary>
public sealed class RecordsOptions
{
    public const string SectionName = "Records";

    /// <summary>The bot's public address (e.g. https://bot.example.org), used for the export link in the channel; empty shows relative paths.</summary>
    public string? PublicBaseUrl { get; set; }

    public RecordsAuthOptions Auth { get; set; } = new();

    /// <summary>Retention per record type (the request's <c>Kind</c>, e.g. <c>request</c>); a type not listed uses <see cref="RetentionRule.Default"/>.</summary>
    public Dictionary<string, RetentionRule> Retention { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The retention rule for a record type.</summary>
    public RetentionRule RetentionFor(string kind) =>
        Retention.TryGetValue(kind, out var rule) ? rule : RetentionRule.Default(kind);
}
