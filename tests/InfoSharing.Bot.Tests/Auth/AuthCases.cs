using System.Security.Cryptography;
using InfoSharing.Bot.Auth;
using Microsoft.IdentityModel.Tokens;
using R = InfoSharing.Bot.Auth.BotAuthFailureReasons;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

/// <summary>
/// The inbound-auth catalogue (protocol.md §3): every way a request must be refused, and the ways it must be accepted.
/// Theories take a case NAME (serialisable, one test row each) and look it up with <see cref="Get"/>; a host test
/// configures its host with <see cref="AuthRequest.ConfiguredAppId"/> (via <see cref="TestTokenIssuer.HostConfiguration"/>),
/// sends the header and an activity with the case's channelId/serviceUrl, and expects 401 for every bad case.
/// </summary>
public static class AuthCases
{
    public static IReadOnlyList<AuthCase> Bad { get; } =
    [
        Refused("missing-header", _ => new AuthRequest { AuthorizationHeader = null }, R.MissingHeader),
        Refused("not-bearer-scheme", _ => new AuthRequest { AuthorizationHeader = "Basic dXNlcjpwYXNzd29yZA==" }, R.MalformedHeader),
        Refused("bearer-without-token", _ => new AuthRequest { AuthorizationHeader = "Bearer" }, R.MalformedHeader),
        Refused("lowercase-bearer-scheme", i => new AuthRequest { AuthorizationHeader = "bearer " + Mint(i.ChannelToken()) }, R.MalformedHeader),
        Refused("extra-header-part", i => new AuthRequest { AuthorizationHeader = TestTokenIssuer.Bearer(Mint(i.ChannelToken())) + " extra" }, R.MalformedHeader),
        Refused("garbage-token", _ => new AuthRequest { AuthorizationHeader = "Bearer not-a-jwt" }, R.MalformedToken),
        Refused("garbage-three-part-token", _ => new AuthRequest { AuthorizationHeader = "Bearer abc.def.ghi" }, R.MalformedToken),
        Refused("token-without-alg", _ => new AuthRequest { AuthorizationHeader = "Bearer e30.e30.e30" }, R.AlgorithmNotAllowed),
        Refused("expired-beyond-skew", i => Channel(i, t => t with { NotBefore = Now(i).AddMinutes(-70), IssuedAt = Now(i).AddMinutes(-70), Expires = Now(i).AddMinutes(-10) }), R.Expired),
        Refused("not-yet-valid-beyond-skew", i => Channel(i, t => t with { NotBefore = Now(i).AddMinutes(10), IssuedAt = Now(i), Expires = Now(i).AddMinutes(70) }), R.NotYetValid),
        Refused("no-expiry", i => Channel(i, t => t with { Expires = null }), R.NoExpiration),
        Refused("issuer-not-a-string", i => Channel(i, t => (t with { Issuer = null! }).WithClaim("iss", 12345)), R.MalformedToken),
        Refused("expiry-not-a-number", i => Channel(i, t => (t with { Expires = null }).WithClaim("exp", "tomorrow")), R.MalformedToken),
        Refused("wrong-issuer", i => Channel(i, t => t with { Issuer = "https://api.botframework.example" }), R.InvalidIssuer),
        Refused("wrong-audience", i => Channel(i, t => t with { Audience = TestTokenIssuer.OtherAppId }), R.InvalidAudience),
        Refused("channel-audience-with-api-prefix", i => Channel(i, t => t with { Audience = "api://" + TestTokenIssuer.AppId }), R.InvalidAudience),
        Refused("unsigned-alg-none", i => Channel(i, t => t with { SigningKey = null }), R.UnsignedToken),
        Refused("hs256-signed", i => Channel(i, t => t with { SigningKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = TestTokenIssuer.ChannelKeyId }, Algorithm = SecurityAlgorithms.HmacSha256 }), R.AlgorithmNotAllowed),
        Refused("unknown-signing-key", i => Channel(i, t => t with { SigningKey = i.UnpublishedKey }), R.SigningKeyNotFound),
        Refused("forged-signature-with-known-kid", i => Channel(i, t => t with { SigningKey = i.ForgedChannelKey }), R.InvalidSignature),
        Refused("channel-token-signed-with-entra-key", i => Channel(i, t => t with { SigningKey = i.EntraKey }), R.SigningKeyNotFound),
        Refused("encrypted-token", i => Channel(i, t => t with { EncryptingCredentials = new EncryptingCredentials(i.ChannelKey, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes128CbcHmacSha256) }), R.EncryptedToken),
        Refused("key-not-endorsed-for-channel", i => Channel(i, t => t with { SigningKey = i.SkypeOnlyKey }), R.NotEndorsed),
        Refused("channel-not-in-endorsements", i => Channel(i, t => t) with { ChannelId = "webchat" }, R.NotEndorsed),
        Refused("activity-without-channel-id", i => Channel(i, t => t) with { ChannelId = null }, R.MissingChannelId),
        Refused("serviceurl-claim-mismatch", i => Channel(i, t => t.WithClaim("serviceurl", "https://attacker.example.com/")), R.ServiceUrlMismatch),
        Refused("serviceurl-claim-missing", i => Channel(i, t => t.WithoutClaim("serviceurl")), R.ServiceUrlClaimMissing),
        Refused("activity-without-serviceurl", i => Channel(i, t => t) with { ServiceUrl = null }, R.MissingServiceUrl),
        Refused("emulator-v1-wrong-appid", i => Emulator(i, "1.0", t => t.WithClaim("appid", TestTokenIssuer.OtherAppId)), R.AppIdMismatch),
        Refused("emulator-v1-appid-only-in-azp", i => Emulator(i, "1.0", t => t.WithoutClaim("appid").WithClaim("azp", TestTokenIssuer.AppId)), R.AppIdMismatch),
        Refused("emulator-v2-wrong-azp", i => Emulator(i, "2.0", t => t.WithClaim("azp", TestTokenIssuer.OtherAppId)), R.AppIdMismatch),
        Refused("emulator-ver-3.0", i => Emulator(i, "1.0", t => t.WithClaim("ver", "3.0")), R.UnsupportedTokenVersion),
        Refused("emulator-audience-is-botframework", i => Emulator(i, "2.0", t => t with { Audience = "https://api.botframework.com" }), R.InvalidAudience),
        Refused("emulator-token-signed-with-channel-key", i => Emulator(i, "1.0", t => t with { SigningKey = i.ChannelKey }), R.SigningKeyNotFound),
        Refused("emulator-expired-beyond-skew", i => Emulator(i, "2.0", t => t with { NotBefore = Now(i).AddMinutes(-70), IssuedAt = Now(i).AddMinutes(-70), Expires = Now(i).AddMinutes(-6) }), R.Expired),
        Refused("unconfigured-tenant-issuer-takes-channel-path", i => Emulator(i, "2.0", t => t with { Issuer = EmulatorIssuers.V2(TestTokenIssuer.TenantId) }), R.InvalidIssuer),
        Refused("token-while-auth-disabled", i => Channel(i, t => t) with { ConfiguredAppId = null }, R.TokenWhileDisabled),
        Refused("garbage-while-auth-disabled", _ => new AuthRequest { AuthorizationHeader = "Bearer x", ConfiguredAppId = null }, R.TokenWhileDisabled),
    ];

    public static IReadOnlyList<AuthCase> Good { get; } =
    [
        Accepted("channel-token", i => Channel(i, t => t), BotTokenKind.Channel),
        Accepted("channel-token-rs384", i => Channel(i, t => t with { Algorithm = SecurityAlgorithms.RsaSha384 }), BotTokenKind.Channel),
        Accepted("channel-token-rs512", i => Channel(i, t => t with { Algorithm = SecurityAlgorithms.RsaSha512 }), BotTokenKind.Channel),
        Accepted("channel-token-for-emulator-channel", i => Channel(i, t => t) with { ChannelId = "emulator" }, BotTokenKind.Channel),
        Accepted("channel-serviceurl-differs-in-case-and-slash", i => Channel(i, t => t.WithClaim("serviceurl", "https://SMBA.trafficmanager.net/EMEA")), BotTokenKind.Channel),
        Accepted("channel-expired-within-skew", i => Channel(i, t => t with { NotBefore = Now(i).AddMinutes(-62), IssuedAt = Now(i).AddMinutes(-62), Expires = Now(i).AddMinutes(-2) }), BotTokenKind.Channel),
        Accepted("channel-not-before-within-skew", i => Channel(i, t => t with { NotBefore = Now(i).AddMinutes(2), IssuedAt = Now(i), Expires = Now(i).AddMinutes(60) }), BotTokenKind.Channel),
        Accepted("emulator-v1-token", i => Emulator(i, "1.0", t => t), BotTokenKind.Emulator),
        Accepted("emulator-v2-token", i => Emulator(i, "2.0", t => t), BotTokenKind.Emulator),
        Accepted("emulator-token-without-ver", i => Emulator(i, "1.0", t => t.WithoutClaim("ver")), BotTokenKind.Emulator),
        Accepted("emulator-audience-api-botid", i => Emulator(i, "2.0", t => t with { Audience = "api://botid-" + TestTokenIssuer.AppId }), BotTokenKind.Emulator),
        Accepted("emulator-audience-api", i => Emulator(i, "1.0", t => t with { Audience = "api://" + TestTokenIssuer.AppId }), BotTokenKind.Emulator),
        Accepted("emulator-issuer-69e9b82d-tenant", i => Emulator(i, "1.0", t => t with { Issuer = EmulatorIssuers.V1("69e9b82d-4842-4902-8d1e-abc5b98a55e8") }), BotTokenKind.Emulator),
        Accepted("anonymous-no-header-auth-disabled", _ => new AuthRequest { AuthorizationHeader = null, ConfiguredAppId = null }, BotTokenKind.None),
    ];

    /// <summary>Names of <see cref="Bad"/>, one theory row each.</summary>
    public static TheoryData<string> BadCaseNames => [.. Bad.Select(c => c.Name)];

    /// <summary>Names of <see cref="Good"/>, one theory row each.</summary>
    public static TheoryData<string> GoodCaseNames => [.. Good.Select(c => c.Name)];

    public static AuthCase Get(string name) =>
        Bad.Concat(Good).SingleOrDefault(c => c.Name == name) ?? throw new ArgumentException($"No auth case named '{name}'.", nameof(name));

    /// <summary>A request carrying a channel token (adjusted by <paramref name="adjust"/>) for the default activity.</summary>
    public static AuthRequest Channel(TestTokenIssuer issuer, Func<TestToken, TestToken> adjust)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(adjust);
        return new AuthRequest { AuthorizationHeader = TestTokenIssuer.Bearer(Mint(adjust(issuer.ChannelToken()))) };
    }

    /// <summary>A request carrying an Emulator token of <paramref name="version"/> (adjusted by <paramref name="adjust"/>).</summary>
    public static AuthRequest Emulator(TestTokenIssuer issuer, string version, Func<TestToken, TestToken> adjust)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(adjust);
        return new AuthRequest
        {
            AuthorizationHeader = TestTokenIssuer.Bearer(Mint(adjust(issuer.EmulatorToken(version)))),
            ChannelId = "emulator",
            ServiceUrl = "http://localhost:49152",
        };
    }

    private static string Mint(TestToken token) => TestTokenIssuer.CreateToken(token);

    private static DateTimeOffset Now(TestTokenIssuer issuer) => issuer.Clock.GetUtcNow();

    private static AuthCase Refused(string name, Func<TestTokenIssuer, AuthRequest> build, string reason) =>
        new() { Name = name, Build = build, ExpectedFailure = reason };

    private static AuthCase Accepted(string name, Func<TestTokenIssuer, AuthRequest> build, BotTokenKind kind) =>
        new() { Name = name, Build = build, ExpectedKind = kind };
}
