namespace InfoSharing.Bot.Records.Export;

/// <summary>The final decision on a record.</summary>
public sealed record DecisionDocument
{
    public required string Outcome { get; init; }
    public DateTime? AtUtc { get; init; }
    public string? ByAadObjectId { get; init; }
    public string? ByName { get; init; }
}
