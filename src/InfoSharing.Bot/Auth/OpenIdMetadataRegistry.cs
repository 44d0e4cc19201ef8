using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Auth;

/// <summary>One <see cref="OpenIdMetadataSource"/> (and so one configuration manager) per metadata URL, for the process.</summary>
internal sealed class OpenIdMetadataRegistry(
    IHttpClientFactory httpClientFactory,
    IOptions<BotCredentialsOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<OpenIdMetadataSource>> _sources = new(StringComparer.Ordinal);

    public OpenIdMetadataSource Get(string metadataAddress) =>
        _sources.GetOrAdd(metadataAddress, address => new Lazy<OpenIdMetadataSource>(() => new OpenIdMetadataSource(
            address,
            new HttpClientDocumentRetriever(httpClientFactory, options.Value.RequireHttpsMetadata),
            timeProvider,
            loggerFactory.CreateLogger<OpenIdMetadataSource>()))).Value;

    public void Dispose()
    {
        foreach (var source in _sources.Values)
        {
            if (source.IsValueCreated)
            {
                source.Value.Dispose();
            }
        }
    }
}
