namespace InfoSharing.Bot.Policy;

public sealed record AgreementStatus
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public bool RoutesToDpo { get; init; }
}
