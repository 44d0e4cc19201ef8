namespace InfoSharing.Bot.Policy;

public sealed record OrganisationSettings
{
    public string Name { get; init; } = "";

    /// <summary>A public authority cannot rely on legitimate interests for its tasks: those bases are hidden.</summary>
    public bool IsPublicAuthority { get; init; } = true;
}
