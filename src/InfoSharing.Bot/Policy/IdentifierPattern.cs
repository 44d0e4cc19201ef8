namespace InfoSharing.Bot.Policy;

/// <summary>
/// One kind of likely identifier (cross-check 8). A match is ignored when any of its words is in
/// <see cref="IgnoreWords"/> (case-insensitive), which keeps "Social Worker" from counting as a name.
/// </summary>
public sealed record IdentifierPattern
{
    public string Id { get; init => field = value ?? ""; } = "";

    /// <summary>Shown in the warning, e.g. "a UK postcode".</summary>
    public string Title { get; init => field = value ?? ""; } = "";

    public string Pattern { get; init => field = value ?? ""; } = "";

    public IReadOnlyList<string> IgnoreWords { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
}
