namespace InfoSharing.Bot.Policy;

public sealed record Article6Basis
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public bool IsDefault { get; init; }
    public bool HiddenForPublicAuthority { get; init; }
    public bool IsConsent { get; init; }
    public bool RequiresStatutoryFunction { get; init; }
}
