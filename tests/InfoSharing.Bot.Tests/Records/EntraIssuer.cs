using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Tests.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>
/// A stand-in for an Entra ID tenant on 127.0.0.1: the v2.0 OpenID metadata document of one tenant and its JWKS,
/// and a real RSA key to mint access tokens for the records API with app roles (minted by
/// <see cref="TestTokenIssuer.CreateToken"/>). Point a host at it with <see cref="HostSettings"/>.
/// </summary>
public sealed class EntraIssuer : IAsyncDisposable
{
    public const string TenantId = "7e1d4c2b-3a59-4f68-9b0c-1d2e3f4a5b6c";
    public const string Audience = "api://infosharing-records";
    public const string KeyId = "records-key-1";
    public const string AuditorOid = "dddddddd-0000-0000-0000-0000000000a1";
    public const string AuditorName = "Audrey Auditor";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _unpublished = RSA.Create(2048);
    private WebApplication? _server;

    private EntraIssuer()
    {
        Key = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        UnpublishedKey = new RsaSecurityKey(_unpublished) { KeyId = KeyId };
    }

    public RsaSecurityKey Key { get; }

    /// <summary>Not in the JWKS, but claims the published key id: a forged signature.</summary>
    public RsaSecurityKey UnpublishedKey { get; }

    public string BaseAddress { get; private set; } = "";

    /// <summary>The tenant's v2.0 authority (also the tokens' issuer).</summary>
    public string Authority => $"{BaseAddress}/{TenantId}/v2.0";

    public static async Task<EntraIssuer> StartAsync()
    {
        var issuer = new EntraIssuer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(issuer.ServeAsync);
        await app.StartAsync();
        issuer._server = app;
        issuer.BaseAddress = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        return issuer;
    }

    /// <summary>Records:Auth pointing at this tenant (plain http metadata on loopback).</summary>
    public IDictionary<string, string?> HostSettings() => new Dictionary<string, string?>
    {
        ["Records:Auth:Authority"] = Authority,
        ["Records:Auth:Audience"] = Audience,
        ["Records:Auth:RequireHttpsMetadata"] = "false",
    };

    /// <summary>
    /// A valid access token for the records API with these app roles; valid for a window around both the real clock
    /// (the JWT handler's) and <paramref name="hostNow"/> (a test host's fake clock).
    /// </summary>
    public TestToken Token(DateTimeOffset hostNow, params string[] roles)
    {
        var real = DateTimeOffset.UtcNow;
        var token = new TestToken
        {
            Issuer = Authority,
            Audience = Audience,
            NotBefore = (real < hostNow ? real : hostNow).AddMinutes(-10),
            IssuedAt = (real < hostNow ? real : hostNow).AddMinutes(-10),
            Expires = (real > hostNow ? real : hostNow).AddHours(2),
            SigningKey = Key,
        }
        .WithClaim("ver", "2.0")
        .WithClaim("tid", TenantId)
        .WithClaim("oid", AuditorOid)
        .WithClaim("sub", "auditor-subject")
        .WithClaim("name", AuditorName);
        return roles.Length == 0 ? token : token.WithClaim("roles", roles);
    }

    public static string Bearer(TestToken token) => "Bearer " + TestTokenIssuer.CreateToken(token);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }

        _rsa.Dispose();
        _unpublished.Dispose();
    }

    private Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path == $"/{TenantId}/v2.0/.well-known/openid-configuration")
        {
            return WriteAsync(context, new JsonObject
            {
                ["issuer"] = Authority,
                ["authorization_endpoint"] = $"{BaseAddress}/{TenantId}/oauth2/v2.0/authorize",
                ["token_endpoint"] = $"{BaseAddress}/{TenantId}/oauth2/v2.0/token",
                ["jwks_uri"] = $"{BaseAddress}/{TenantId}/discovery/v2.0/keys",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            });
        }

        if (path == $"/{TenantId}/discovery/v2.0/keys")
        {
            var p = _rsa.ExportParameters(includePrivateParameters: false);
            return WriteAsync(context, new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                }),
            });
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static Task WriteAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(JsonSerializerOptions.Default), context.RequestAborted);
    }
}
