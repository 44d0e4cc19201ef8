namespace InfoSharing.Bot.LoadTest;

/// <summary>What <see cref="RunVerifier"/> found.</summary>
public sealed record RunVerification
{
    public required IReadOnlyList<string> Problems { get; init; }
    public required int RequestsStored { get; init; }
    public required IReadOnlyDictionary<string, int> Outbox { get; init; }
    public required int LostSubmissions { get; init; }
    public required int LostDecisions { get; init; }
    public required int DuplicateRequests { get; init; }
    public required int DoubleDecisions { get; init; }
    public required int DuplicateMessages { get; init; }
    public required int InvisibleFailures { get; init; }
}
