namespace InfoSharing.Bot.Policy;

public sealed record StatutoryFunction
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public bool RequiresDetail { get; init; }
}
