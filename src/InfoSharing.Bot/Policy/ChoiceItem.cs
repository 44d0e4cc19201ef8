namespace InfoSharing.Bot.Policy;

/// <summary>A plain list item: a stable <see cref="Id"/> (what is stored) and a <see cref="Title"/> (what is shown).</summary>
public sealed record ChoiceItem
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
}
