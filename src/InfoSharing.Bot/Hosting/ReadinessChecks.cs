using System.Text.Json;
using InfoSharing.Bot.Auth;
using InfoSharing.Bot.Policy;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Hosting;

/// <summary>
/// <c>GET /health/ready</c>: what a turn needs, each by name, so an operator reads which part is down. Always
/// <c>database</c> (registered by the storage) and <c>policy</c>; when credentials are configured also
/// <c>token-endpoint</c> (a connector token can be had) and <c>openid-metadata</c> / <c>openid-metadata-entra</c> (the
/// signing keys inbound tokens are checked against). 200 when every check is healthy or degraded, else 503; the body
/// lists every check with its status and a plain description.
/// </summary>
public static class ReadinessChecks
{
    public const string Tag = "ready";

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var timeout = TimeSpan.FromSeconds(10);
        services.AddSingleton<PolicyFileCheck>(); // one instance: it remembers the file it last read
        var checks = services.AddHealthChecks()
            .AddCheck<PolicyFileCheck>("policy", tags: [Tag], timeout: timeout);
        if (!string.IsNullOrEmpty(configuration[BotCredentialsOptions.AppIdKey]))
        {
            checks.AddCheck<TokenEndpointCheck>("token-endpoint", tags: [Tag], timeout: timeout)
                .Add(new HealthCheckRegistration("openid-metadata", sp => new MetadataCheck(sp, entra: false), null, [Tag], timeout))
                .Add(new HealthCheckRegistration("openid-metadata-entra", sp => new MetadataCheck(sp, entra: true), null, [Tag], timeout));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Tag),
            ResponseWriter = WriteAsync,
        });
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description ?? entry.Exception?.Message ?? "");
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// The policy the bot runs under, and whether the file on disk still loads: a DPO's edit that broke it is reported
    /// (degraded: the running policy stays, but the next start would refuse). The file is read and validated again only
    /// when it changed (its write time or length), not on every probe.
    /// </summary>
    private sealed class PolicyFileCheck(PolicyDocument policy, PolicyFileLocation location) : IHealthCheck
    {
        private Seen? _last; // swapped whole, so a probe never reads one file's stamp with another's result

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var file = new FileInfo(location.Path);
            var (written, length) = file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1L);
            if (Volatile.Read(ref _last) is { } last && last.WrittenUtc == written && last.Length == length)
            {
                return Task.FromResult(last.Result);
            }

            var result = Check();
            Volatile.Write(ref _last, new Seen(written, length, result));
            return Task.FromResult(result);
        }

        private sealed record Seen(DateTime WrittenUtc, long Length, HealthCheckResult Result);

        private HealthCheckResult Check()
        {
            var onDisk = PolicyLoader.LoadFromFile(location.Path);
            if (!onDisk.IsValid)
            {
                return HealthCheckResult.Degraded(
                    $"running policy {policy.Version}; the file {location.Path} no longer loads ({onDisk.Errors.Count} problem(s), first: {onDisk.Errors.FirstOrDefault()}): the next start would refuse");
            }

            var version = onDisk.Policy!.Version;
            return string.Equals(version, policy.Version, StringComparison.Ordinal)
                ? HealthCheckResult.Healthy($"policy {policy.Version} from {location.Path}")
                : HealthCheckResult.Degraded($"running policy {policy.Version}; the file holds {version}: restart to apply it");
        }
    }

    private sealed class TokenEndpointCheck(IConnectorTokenProvider tokens) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                // MSAL caches the token: this asks the endpoint only when no valid token is held.
                var token = await tokens.GetTokenAsync(cancellationToken);
                return string.IsNullOrEmpty(token)
                    ? HealthCheckResult.Unhealthy("no connector token: replies and cards cannot be sent")
                    : HealthCheckResult.Healthy("a connector token is held");
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"no connector token ({ex.GetType().Name}: {ex.Message}): replies and cards cannot be sent");
            }
        }
    }

    private sealed class MetadataCheck(IServiceProvider services, bool entra) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var options = services.GetRequiredService<IOptions<BotCredentialsOptions>>().Value;
            var address = entra ? options.EmulatorOpenIdMetadataUrl : options.ChannelOpenIdMetadataUrl;
            try
            {
                var metadata = await services.GetRequiredService<OpenIdMetadataRegistry>().Get(address).GetAsync(cancellationToken);
                return HealthCheckResult.Healthy($"{metadata.SigningKeys.Count} signing key(s) from {address}");
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"no OpenID metadata from {address} ({ex.GetType().Name}): inbound tokens cannot be checked");
            }
        }
    }
}
