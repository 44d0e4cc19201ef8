namespace InfoSharing.Bot.Policy;

/// <summary>A plain list item: a stable <see cref="Id"/> (what is stored) and a <see cref="Title"/> (what is shown).</summary>
public sealed record ChoiceItem
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";

    /// <summary>No longer offered or asked, kept so that records made under an earlier policy still read by title.</summary>
    public bool Retired { get; init; }
}
