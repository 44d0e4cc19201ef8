namespace InfoSharing.Bot.Records.Export;

/// <summary>A record's retention: its class, when it is due for review, legal hold, the last review and whether its content was removed.</summary>
public sealed record RetentionDocument
{
    public string? Class { get; init; }
    public DateTime? ReviewDateUtc { get; init; }
    public required bool LegalHold { get; init; }
    public DateTime? ReviewedAtUtc { get; init; }
    public DateTime? ContentDeletedAtUtc { get; init; }
}
