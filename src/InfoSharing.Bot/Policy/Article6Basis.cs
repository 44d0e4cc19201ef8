namespace InfoSharing.Bot.Policy;

public sealed record Article6Basis
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public bool IsDefault { get; init; }
    public bool HiddenForPublicAuthority { get; init; }
    public bool IsConsent { get; init; }
    public bool RequiresStatutoryFunction { get; init; }
}
