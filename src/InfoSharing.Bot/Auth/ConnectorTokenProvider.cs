using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace InfoSharing.Bot.Auth;

/// <summary>
/// The bot's outbound token for the Bot Connector (protocol.md §4.1), through MSAL: one client application for
/// the process, whose in-memory cache reuses and renews the token. No app id ⇒ no token (and no header).
/// </summary>
public sealed partial class ConnectorTokenProvider : IConnectorTokenProvider
{
    /// <summary>The scope of a bot token (client credentials).</summary>
    public const string BotFrameworkScope = "https://api.botframework.com/.default";

    /// <summary>The resource of a bot token (managed identity).</summary>
    public const string BotFrameworkResource = "https://api.botframework.com";

    /// <summary>The tenant a MultiTenant bot gets its token from.</summary>
    public const string MultiTenantAuthorityTenant = "botframework.com";

    private static readonly string[] Scopes = [BotFrameworkScope];

    private readonly BotCredentialsOptions _options;
    private readonly ILogger<ConnectorTokenProvider> _logger;
    private readonly Lazy<IConfidentialClientApplication>? _confidentialClient;
    private readonly Lazy<IManagedIdentityApplication>? _managedIdentity;

    public ConnectorTokenProvider(
        IOptions<BotCredentialsOptions> options,
        IHttpClientFactory httpClientFactory,
        ILogger<ConnectorTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        if (_options.IsAuthenticationDisabled)
        {
            return;
        }

        var msalHttp = new MsalHttpClientFactory(httpClientFactory);
        if (_options.AppType == BotAppType.UserAssignedMsi)
        {
            _managedIdentity = new(() => ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(_options.MicrosoftAppId))
                .WithHttpClientFactory(msalHttp)
                .Build());
        }
        else
        {
            _confidentialClient = new(() => BuildConfidentialClient(msalHttp));
        }
    }

    /// <summary>The authority tokens are requested from: <c>{AuthorityHost}/botframework.com</c> or <c>{AuthorityHost}/{tenant}</c>.</summary>
    public string? Authority => _options.IsAuthenticationDisabled || _options.AppType == BotAppType.UserAssignedMsi
        ? null
        : $"{_options.AuthorityHost.TrimEnd('/')}/{(_options.AppType == BotAppType.SingleTenant ? _options.MicrosoftAppTenantId : MultiTenantAuthorityTenant)}";

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_managedIdentity is not null)
            {
                var result = await _managedIdentity.Value
                    .AcquireTokenForManagedIdentity(BotFrameworkResource)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return result.AccessToken;
            }

            if (_confidentialClient is not null)
            {
                var result = await _confidentialClient.Value
                    .AcquireTokenForClient(Scopes)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return result.AccessToken;
            }

            return null;
        }
        catch (MsalException ex)
        {
            Log.TokenAcquisitionFailed(_logger, _options.AppType, ex.ErrorCode, ex);
            throw;
        }
    }

    private IConfidentialClientApplication BuildConfidentialClient(IMsalHttpClientFactory msalHttp)
    {
        var builder = ConfidentialClientApplicationBuilder
            .Create(_options.MicrosoftAppId)
            .WithClientSecret(_options.MicrosoftAppPassword)
            .WithHttpClientFactory(msalHttp);

        // The public cloud host is known to MSAL; another host (sovereign cloud, test endpoint) is used as given.
        var isDefaultHost = string.Equals(
            _options.AuthorityHost.TrimEnd('/'), BotCredentialsOptions.DefaultAuthorityHost, StringComparison.OrdinalIgnoreCase);
        builder = isDefaultHost
            ? builder.WithAuthority(Authority)
            : builder.WithAuthority(Authority, validateAuthority: false).WithInstanceDiscovery(false);
        return builder.Build();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1120, Level = LogLevel.Warning, Message = "Getting the bot's Connector token ({AppType}) failed with MSAL error {ErrorCode}")]
        public static partial void TokenAcquisitionFailed(ILogger logger, BotAppType appType, string errorCode, Exception exception);
    }
}
