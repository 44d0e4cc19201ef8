using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Policy;

public sealed record OrganisationSettings
{
    public string Name { get; init => field = value ?? ""; } = "";

    /// <summary>A public authority cannot rely on legitimate interests for its tasks: those bases are hidden.</summary>
    [JsonRequired]
    public bool IsPublicAuthority { get; init; } = true;

    /// <summary>Cross-check 5a: the appropriate policy document; null when the policy file does not say (an error if any condition needs it).</summary>
    public AppropriatePolicyDocument? AppropriatePolicyDocument { get; init; }
}
