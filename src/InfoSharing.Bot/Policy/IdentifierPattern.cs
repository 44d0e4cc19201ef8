namespace InfoSharing.Bot.Policy;

/// <summary>
/// One kind of likely identifier (cross-check 8). A match is ignored when any of its words is in
/// <see cref="IgnoreWords"/> (case-insensitive), which keeps "Social Worker" from counting as a name.
/// </summary>
public sealed record IdentifierPattern
{
    public string Id { get; init; } = "";

    /// <summary>Shown in the warning, e.g. "a UK postcode".</summary>
    public string Title { get; init; } = "";

    public string Pattern { get; init; } = "";

    public IReadOnlyList<string> IgnoreWords { get; init; } = [];
}
