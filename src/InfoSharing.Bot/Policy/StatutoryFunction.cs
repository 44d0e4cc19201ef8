namespace InfoSharing.Bot.Policy;

public sealed record StatutoryFunction
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public bool RequiresDetail { get; init; }
}
