using System.Collections.Frozen;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace InfoSharing.Bot.Auth;

/// <summary>
/// One snapshot of an OpenID metadata document, its signing keys and the keys' Bot Framework
/// <c>endorsements</c>, fetched together so keys and endorsements can never disagree.
/// </summary>
internal sealed record BotOpenIdMetadata
{
    /// <summary>Increases with every fetch; the larger of two snapshots is the fresher.</summary>
    public required long Version { get; init; }

    public required OpenIdConnectConfiguration Configuration { get; init; }

    public required IReadOnlyList<SecurityKey> SigningKeys { get; init; }

    /// <summary>kid → the channel ids the key is endorsed for (empty when the key lists none).</summary>
    public required FrozenDictionary<string, FrozenSet<string>> Endorsements { get; init; }
}
