namespace InfoSharing.Bot.Records.Export;

/// <summary>One record in a listing: what it is, where it stands, its retention; no free-text answers.</summary>
public sealed record RecordListItem
{
    public required string Reference { get; init; }
    public required Guid Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public required string MatterType { get; init; }
    public required string CaseReference { get; init; }
    public required string RequesterAadObjectId { get; init; }
    public required DateTime CreatedAtUtc { get; init; }
    public DateTime? SubmittedAtUtc { get; init; }
    public string? Decision { get; init; }
    public DateTime? DecidedAtUtc { get; init; }
    public required RetentionDocument Retention { get; init; }

    /// <summary>The record's own export address (relative to the bot).</summary>
    public required string Href { get; init; }
}
