namespace InfoSharing.Bot.Policy;

public sealed record AgreementStatus
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public bool RoutesToDpo { get; init; }
}
