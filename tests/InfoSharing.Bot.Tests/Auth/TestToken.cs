using Microsoft.IdentityModel.Tokens;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

/// <summary>
/// What <see cref="TestTokenIssuer.CreateToken"/> mints. Start from <see cref="TestTokenIssuer.ChannelToken"/> or
/// <see cref="TestTokenIssuer.EmulatorToken"/> and adjust with <c>with { … }</c>, <see cref="WithClaim"/> and
/// <see cref="WithoutClaim"/>.
/// </summary>
public sealed record TestToken
{
    /// <summary>The <c>iss</c> claim.</summary>
    public required string Issuer { get; init; }

    /// <summary>The <c>aud</c> claim; null leaves it out.</summary>
    public string? Audience { get; init; }

    /// <summary>The <c>nbf</c> claim; null leaves it out.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The <c>exp</c> claim; null leaves it out.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The <c>iat</c> claim; null leaves it out.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The signing key; its KeyId becomes the header's <c>kid</c>. Null mints an unsigned (<c>alg: none</c>) token.</summary>
    public SecurityKey? SigningKey { get; init; }

    /// <summary>The header's <c>alg</c>, e.g. <see cref="SecurityAlgorithms.RsaSha256"/>.</summary>
    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha256;

    /// <summary>Optional JWE wrapping (the token is then encrypted).</summary>
    public EncryptingCredentials? EncryptingCredentials { get; init; }

    /// <summary>Other payload claims by their raw names (serviceurl, appid, azp, ver, tid …).</summary>
    public IReadOnlyDictionary<string, object> Claims { get; init; } = new Dictionary<string, object>(StringComparer.Ordinal);

    public TestToken WithClaim(string name, object value) =>
        this with { Claims = new Dictionary<string, object>(Claims, StringComparer.Ordinal) { [name] = value } };

    public TestToken WithoutClaim(string name)
    {
        var claims = new Dictionary<string, object>(Claims, StringComparer.Ordinal);
        claims.Remove(name);
        return this with { Claims = claims };
    }
}
