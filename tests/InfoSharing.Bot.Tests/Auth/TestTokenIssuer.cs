using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

/// <summary>
/// A stand-in for login.botframework.com and Entra: a real Kestrel server on 127.0.0.1 (random port) serving a
/// channel OpenID metadata document with its JWKS (keys carry Bot Framework <c>endorsements</c>) and an Entra
/// (Emulator-path) metadata document with its JWKS, plus real RSA keys to mint JWTs with.
/// </summary>
/// <remarks>
/// Use as an xunit class/collection fixture, or <c>await using var issuer = await TestTokenIssuer.StartAsync();</c>
/// when a test needs its own (key rollover, request counts). Point a host at it with <see cref="HostConfiguration"/>.
/// Keys: <see cref="ChannelKey"/> (endorsed for msteams and emulator), <see cref="SkypeOnlyKey"/> (endorsed for skype
/// only), <see cref="EntraKey"/> (Entra JWKS), <see cref="RolloverKey"/> (in the channel JWKS only after
/// <see cref="PublishRolloverKey"/>) and <see cref="UnpublishedKey"/> (never published).
/// </remarks>
public sealed class TestTokenIssuer : IAsyncLifetime
{
    /// <summary>The bot's app id the tokens are minted for.</summary>
    public const string AppId = "0c9d4f5e-7a1b-4c2d-9e3f-5a6b7c8d9e0f";

    /// <summary>Another app id: an audience or appid that is not this bot.</summary>
    public const string OtherAppId = "f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9";

    /// <summary>A password that satisfies start-up validation; nothing checks it inbound.</summary>
    public const string AppPassword = "not-a-real-secret";

    /// <summary>The bot's own tenant, for SingleTenant configurations.</summary>
    public const string TenantId = "3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d";

    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string ChannelIssuer = BotCredentialsOptions.DefaultChannelIssuer;
    public const string ChannelKeyId = "channel-key-1";
    public const string SkypeOnlyKeyId = "channel-key-skype";
    public const string RolloverKeyId = "channel-key-rollover";
    public const string EntraKeyId = "entra-key-1";
    public const string UnpublishedKeyId = "unpublished-key";

    /// <summary>The Emulator's v1 issuer (botframework.com tenant).</summary>
    public static readonly string EmulatorIssuerV1 = EmulatorIssuers.V1(EmulatorIssuers.BotFrameworkTenantId);

    /// <summary>The Emulator's v2 issuer (botframework.com tenant).</summary>
    public static readonly string EmulatorIssuerV2 = EmulatorIssuers.V2(EmulatorIssuers.BotFrameworkTenantId);

    private static readonly string[] ChannelEndorsements = ["msteams", "emulator"];
    private static readonly string[] SkypeEndorsements = ["skype"];

    private readonly RSA _channelRsa = RSA.Create(2048);
    private readonly RSA _skypeRsa = RSA.Create(2048);
    private readonly RSA _rolloverRsa = RSA.Create(2048);
    private readonly RSA _entraRsa = RSA.Create(2048);
    private readonly RSA _unpublishedRsa = RSA.Create(2048);
    private WebApplication? _server;
    private string? _baseAddress;
    private volatile bool _rolloverPublished;
    private int _channelMetadataRequests;
    private int _channelKeysRequests;
    private int _entraMetadataRequests;
    private int _entraKeysRequests;

    public TestTokenIssuer()
        : this(TimeProvider.System)
    {
    }

    /// <param name="clock">The clock minted tokens' nbf/iat/exp are relative to; give the host under test the same one.</param>
    private TestTokenIssuer(TimeProvider clock)
    {
        Clock = clock;
        ChannelKey = new RsaSecurityKey(_channelRsa) { KeyId = ChannelKeyId };
        SkypeOnlyKey = new RsaSecurityKey(_skypeRsa) { KeyId = SkypeOnlyKeyId };
        RolloverKey = new RsaSecurityKey(_rolloverRsa) { KeyId = RolloverKeyId };
        EntraKey = new RsaSecurityKey(_entraRsa) { KeyId = EntraKeyId };
        UnpublishedKey = new RsaSecurityKey(_unpublishedRsa) { KeyId = UnpublishedKeyId };
    }

    public TimeProvider Clock { get; }

    public RsaSecurityKey ChannelKey { get; }

    public RsaSecurityKey SkypeOnlyKey { get; }

    public RsaSecurityKey RolloverKey { get; }

    public RsaSecurityKey EntraKey { get; }

    public RsaSecurityKey UnpublishedKey { get; }

    /// <summary>A key that is not published but claims <see cref="ChannelKeyId"/>: a forged signature.</summary>
    public RsaSecurityKey ForgedChannelKey => new(_unpublishedRsa) { KeyId = ChannelKeyId };

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public string BaseAddress => _baseAddress ?? throw new InvalidOperationException("The issuer is not started.");

    /// <summary>Stand-in for https://login.botframework.com/v1/.well-known/openidconfiguration.</summary>
    public string ChannelMetadataUrl => BaseAddress + "/channel/v1/.well-known/openidconfiguration";

    /// <summary>Stand-in for https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration.</summary>
    public string EntraMetadataUrl => BaseAddress + "/entra/common/v2.0/.well-known/openid-configuration";

    /// <summary>An address on this server that answers 404 (a metadata URL that cannot be fetched).</summary>
    public string MissingMetadataUrl => BaseAddress + "/missing/.well-known/openid-configuration";

    public int ChannelMetadataRequests => Volatile.Read(ref _channelMetadataRequests);

    public int ChannelKeysRequests => Volatile.Read(ref _channelKeysRequests);

    public int EntraMetadataRequests => Volatile.Read(ref _entraMetadataRequests);

    public int EntraKeysRequests => Volatile.Read(ref _entraKeysRequests);

    /// <summary>Starts a new issuer whose tokens are relative to <paramref name="clock"/> (default: system clock); dispose it when done.</summary>
    public static async Task<TestTokenIssuer> StartAsync(TimeProvider? clock = null)
    {
        var issuer = new TestTokenIssuer(clock ?? TimeProvider.System);
        await issuer.InitializeAsync();
        return issuer;
    }

    public static string Bearer(string token) => "Bearer " + token;

    /// <summary>
    /// The configuration a host under test needs to trust this issuer: MicrosoftAppId/Password (empty when
    /// <paramref name="appId"/> is null: authentication off, Development only), optional MicrosoftAppTenantId and
    /// MicrosoftAppType, the two metadata URLs and RequireHttpsMetadata=false.
    /// </summary>
    public IReadOnlyDictionary<string, string?> HostConfiguration(string? appId = AppId, string? tenantId = null, string? appType = null) =>
        new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [BotCredentialsOptions.AppTypeKey] = appType ?? string.Empty,
            [BotCredentialsOptions.AppIdKey] = appId ?? string.Empty,
            [BotCredentialsOptions.AppPasswordKey] = appId is null ? string.Empty : AppPassword,
            [BotCredentialsOptions.AppTenantIdKey] = tenantId ?? string.Empty,
            [BotCredentialsOptions.ChannelOpenIdMetadataUrlKey] = ChannelMetadataUrl,
            [BotCredentialsOptions.EmulatorOpenIdMetadataUrlKey] = EntraMetadataUrl,
            [BotCredentialsOptions.RequireHttpsMetadataKey] = "false",
        };

    /// <summary>Adds <see cref="RolloverKey"/> (endorsed like <see cref="ChannelKey"/>) to the channel JWKS from now on.</summary>
    public void PublishRolloverKey() => _rolloverPublished = true;

    /// <summary>A valid Bot Connector token for <see cref="AppId"/> and <paramref name="serviceUrl"/>, signed by <see cref="ChannelKey"/>.</summary>
    public TestToken ChannelToken(string serviceUrl = ServiceUrl)
    {
        var now = Clock.GetUtcNow();
        return new TestToken
        {
            Issuer = ChannelIssuer,
            Audience = AppId,
            NotBefore = now.AddMinutes(-5),
            IssuedAt = now.AddMinutes(-5),
            Expires = now.AddMinutes(55),
            SigningKey = ChannelKey,
        }.WithClaim("serviceurl", serviceUrl);
    }

    /// <summary>
    /// A valid Emulator (Entra) token for <see cref="AppId"/>, signed by <see cref="EntraKey"/>: version "1.0" (issuer
    /// sts.windows.net, app id in appid) or "2.0" (issuer login.microsoftonline.com/…/v2.0, app id in azp).
    /// </summary>
    public TestToken EmulatorToken(string version = "1.0")
    {
        var now = Clock.GetUtcNow();
        var token = new TestToken
        {
            Issuer = version == "2.0" ? EmulatorIssuerV2 : EmulatorIssuerV1,
            Audience = AppId,
            NotBefore = now.AddMinutes(-5),
            IssuedAt = now.AddMinutes(-5),
            Expires = now.AddMinutes(55),
            SigningKey = EntraKey,
        }
        .WithClaim("ver", version)
        .WithClaim("tid", EmulatorIssuers.BotFrameworkTenantId);
        return version == "2.0" ? token.WithClaim("azp", AppId) : token.WithClaim("appid", AppId);
    }

    /// <summary>Mints the token with <see cref="JsonWebTokenHandler"/>; no default times are added.</summary>
    public static string CreateToken(TestToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = token.Issuer,
            Audience = token.Audience,
            NotBefore = token.NotBefore?.UtcDateTime,
            IssuedAt = token.IssuedAt?.UtcDateTime,
            Expires = token.Expires?.UtcDateTime,
            Claims = new Dictionary<string, object>(token.Claims, StringComparer.Ordinal),
            SigningCredentials = token.SigningKey is null ? null : new SigningCredentials(token.SigningKey, token.Algorithm),
            EncryptingCredentials = token.EncryptingCredentials,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask InitializeAsync()
    {
        if (_server is not null)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(ServeAsync);
        await app.StartAsync();
        _server = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _baseAddress = address.TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
            _server = null;
        }

        _channelRsa.Dispose();
        _skypeRsa.Dispose();
        _rolloverRsa.Dispose();
        _entraRsa.Dispose();
        _unpublishedRsa.Dispose();
    }

    private Task ServeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        switch (context.Request.Path.Value)
        {
            case "/channel/v1/.well-known/openidconfiguration":
                Interlocked.Increment(ref _channelMetadataRequests);
                return WriteJsonAsync(context, Metadata(ChannelIssuer, BaseAddress + "/channel/v1/.well-known/keys"));
            case "/channel/v1/.well-known/keys":
                Interlocked.Increment(ref _channelKeysRequests);
                return WriteJsonAsync(context, ChannelKeys());
            case "/entra/common/v2.0/.well-known/openid-configuration":
                Interlocked.Increment(ref _entraMetadataRequests);
                return WriteJsonAsync(context, Metadata("https://login.microsoftonline.com/{tenantid}/v2.0", BaseAddress + "/entra/common/discovery/v2.0/keys"));
            case "/entra/common/discovery/v2.0/keys":
                Interlocked.Increment(ref _entraKeysRequests);
                return WriteJsonAsync(context, new JsonObject { ["keys"] = new JsonArray(Jwk(_entraRsa, EntraKeyId, endorsements: null)) });
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
        }
    }

    private JsonObject ChannelKeys()
    {
        var keys = new JsonArray(
            Jwk(_channelRsa, ChannelKeyId, ChannelEndorsements),
            Jwk(_skypeRsa, SkypeOnlyKeyId, SkypeEndorsements));
        if (_rolloverPublished)
        {
            keys.Add(Jwk(_rolloverRsa, RolloverKeyId, ChannelEndorsements));
        }

        return new JsonObject { ["keys"] = keys };
    }

    private JsonObject Metadata(string issuer, string jwksUri) => new()
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = BaseAddress + "/authorize",
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    };

    private static JsonObject Jwk(RSA rsa, string kid, string[]? endorsements)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode?)JsonValue.Create(e))]);
        }

        return jwk;
    }

    private static Task WriteJsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(JsonSerializerOptions.Default), context.RequestAborted);
    }
}
