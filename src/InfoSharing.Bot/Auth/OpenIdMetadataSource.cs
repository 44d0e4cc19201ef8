using Microsoft.IdentityModel.Protocols;

namespace InfoSharing.Bot.Auth;

/// <summary>
/// The signing keys behind one metadata URL: a <see cref="ConfigurationManager{T}"/> (cached, refreshed in the
/// background every 12 hours, stale-but-working on fetch errors) plus an awaited, throttled refresh for key rollover.
/// </summary>
/// <remarks>
/// In Microsoft.IdentityModel 8.x <see cref="ConfigurationManager{T}.RequestRefresh"/> only starts a background
/// fetch, so a retry right after it would still see the old keys. <see cref="RefreshAsync"/> therefore fetches
/// the documents itself (at most once per <see cref="MinimumRefreshInterval"/>, so unknown kids cannot be used to
/// hammer the issuer) and serves that snapshot until the manager holds a newer one.
/// </remarks>
internal sealed partial class OpenIdMetadataSource : IDisposable
{
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly ConfigurationManager<BotOpenIdMetadata> _manager;
    private readonly BotOpenIdMetadataRetriever _retriever = new();
    private readonly IDocumentRetriever _documents;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private BotOpenIdMetadata? _refreshed;
    private DateTimeOffset? _lastRefresh;

    public OpenIdMetadataSource(string metadataAddress, IDocumentRetriever documents, TimeProvider timeProvider, ILogger logger)
    {
        MetadataAddress = metadataAddress;
        _documents = documents;
        _timeProvider = timeProvider;
        _logger = logger;
        _manager = new ConfigurationManager<BotOpenIdMetadata>(metadataAddress, _retriever, documents);
    }

    public string MetadataAddress { get; }

    /// <summary>The freshest snapshot; throws <see cref="InvalidOperationException"/> when none was ever retrieved.</summary>
    public async Task<BotOpenIdMetadata> GetAsync(CancellationToken cancellationToken)
    {
        var current = await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var refreshed = Volatile.Read(ref _refreshed);
        return refreshed is not null && refreshed.Version > current.Version ? refreshed : current;
    }

    /// <summary>
    /// Returns a snapshot newer than <paramref name="stale"/>, fetching one now unless another caller already did or
    /// the last forced fetch was less than <see cref="MinimumRefreshInterval"/> ago; null when there is none.
    /// </summary>
    public async Task<BotOpenIdMetadata?> RefreshAsync(BotOpenIdMetadata stale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stale);
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var latest = await GetAsync(cancellationToken).ConfigureAwait(false);
            if (latest.Version > stale.Version)
            {
                return latest;
            }

            var now = _timeProvider.GetUtcNow();
            if (_lastRefresh is { } last && now - last < MinimumRefreshInterval)
            {
                Log.RefreshThrottled(_logger, MetadataAddress);
                return null;
            }

            _lastRefresh = now;
            var fresh = await _retriever.GetConfigurationAsync(MetadataAddress, _documents, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _refreshed, fresh);
            Log.Refreshed(_logger, MetadataAddress, fresh.SigningKeys.Count);
            return fresh;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.RefreshFailed(_logger, MetadataAddress, ex);
            return null;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public void Dispose() => _refreshGate.Dispose();

    private static partial class Log
    {
        [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Signing keys from {MetadataAddress} were refreshed less than 5 minutes ago; not refreshing again")]
        public static partial void RefreshThrottled(ILogger logger, string metadataAddress);

        [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Signing keys refreshed from {MetadataAddress}: {KeyCount} keys")]
        public static partial void Refreshed(ILogger logger, string metadataAddress, int keyCount);

        [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Refreshing signing keys from {MetadataAddress} failed")]
        public static partial void RefreshFailed(ILogger logger, string metadataAddress, Exception exception);
    }
}
