namespace InfoSharing.Bot.Policy;

public sealed record RecipientType
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public bool RoutesToDpo { get; init; }
}
