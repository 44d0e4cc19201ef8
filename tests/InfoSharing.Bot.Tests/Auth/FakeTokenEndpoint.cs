using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

/// <summary>
/// A stand-in for the Entra token endpoint: a real Kestrel server on https://127.0.0.1 (random port, throw-away
/// self-signed certificate) that records every request and answers client-credentials POSTs to
/// <c>/{tenant}/oauth2/v2.0/token</c> with a fake access token. MSAL refuses http authorities, hence https; give the
/// token HttpClient <see cref="CreateTrustingHandler"/> so it trusts exactly this certificate.
/// </summary>
public sealed class FakeTokenEndpoint : IAsyncLifetime
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly X509Certificate2 _certificate = CreateCertificate();
    private WebApplication? _server;
    private string? _authorityHost;
    private int _issued;

    /// <summary><c>https://127.0.0.1:port</c>: use as <c>BotAuthentication:AuthorityHost</c>.</summary>
    public string AuthorityHost => _authorityHost ?? throw new InvalidOperationException("The endpoint is not started.");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>When set, token requests are answered 400 with this OAuth error code.</summary>
    public string? FailWithError { get; set; }

    /// <summary>A handler that trusts this endpoint's certificate and nothing else.</summary>
    public HttpMessageHandler CreateTrustingHandler()
    {
        var expected = _certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), expected, StringComparison.OrdinalIgnoreCase),
            },
        };
    }

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = _certificate }));
        });
        var app = builder.Build();
        app.Run(ServeAsync);
        await app.StartAsync();
        _server = app;
        _authorityHost = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }

        _certificate.Dispose();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync(context.RequestAborted))
            {
                form[key] = value.ToString();
            }
        }

        var path = context.Request.Path.Value ?? string.Empty;
        _requests.Enqueue(new RecordedRequest(context.Request.Method, path, form));
        if (!HttpMethods.IsPost(context.Request.Method) || !path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/json";
        if (FailWithError is { } error)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(
                new JsonObject { ["error"] = error, ["error_description"] = "AADSTS7000215: Invalid client secret provided.", ["error_codes"] = new JsonArray(7000215) }.ToJsonString(),
                context.RequestAborted);
            return;
        }

        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["ext_expires_in"] = 3600,
            ["access_token"] = $"fake-access-token-{Interlocked.Increment(ref _issued)}",
        };
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }

    public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form);
}
