using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace InfoSharing.Bot.Auth;

/// <summary>
/// Reads an OpenID metadata document, then its <c>jwks_uri</c> once, and builds both the signing keys and the
/// kid → endorsements map from that one JWKS body (protocol.md §3.5: the <c>endorsements</c> array is not a typed
/// member of <see cref="JsonWebKey"/>, so it is read from the raw JSON).
/// </summary>
internal sealed class BotOpenIdMetadataRetriever : IConfigurationRetriever<BotOpenIdMetadata>
{
    private long _version;

    public async Task<BotOpenIdMetadata> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(retriever);

        var document = await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false);
        var configuration = OpenIdConnectConfiguration.Create(document);
        if (string.IsNullOrEmpty(configuration.JwksUri))
        {
            throw new InvalidOperationException($"The metadata at '{address}' has no jwks_uri.");
        }

        var keysJson = await retriever.GetDocumentAsync(configuration.JwksUri, cancel).ConfigureAwait(false);
        var keySet = JsonWebKeySet.Create(keysJson);
        configuration.JsonWebKeySet = keySet;
        var signingKeys = keySet.GetSigningKeys();
        foreach (var key in signingKeys)
        {
            configuration.SigningKeys.Add(key);
        }

        return new BotOpenIdMetadata
        {
            Version = Interlocked.Increment(ref _version),
            Configuration = configuration,
            SigningKeys = [.. signingKeys],
            Endorsements = ReadEndorsements(keysJson),
        };
    }

    /// <summary>Maps each key's <c>kid</c> to its <c>endorsements</c> (ordinal); the first key with a given kid wins.</summary>
    internal static FrozenDictionary<string, FrozenSet<string>> ReadEndorsements(string jwksJson)
    {
        var map = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        using var json = JsonDocument.Parse(jwksJson);
        if (json.RootElement.ValueKind != JsonValueKind.Object
            || !json.RootElement.TryGetProperty("keys", out var keys)
            || keys.ValueKind != JsonValueKind.Array)
        {
            return map.ToFrozenDictionary(StringComparer.Ordinal);
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object
                || !key.TryGetProperty("kid", out var kid)
                || kid.ValueKind != JsonValueKind.String
                || kid.GetString() is not { Length: > 0 } kidValue)
            {
                continue;
            }

            var endorsements = new List<string>();
            if (key.TryGetProperty("endorsements", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } value)
                    {
                        endorsements.Add(value);
                    }
                }
            }

            map.TryAdd(kidValue, endorsements.ToFrozenSet(StringComparer.Ordinal));
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
