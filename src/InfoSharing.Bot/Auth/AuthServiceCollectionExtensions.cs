using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Auth;

/// <summary>Registers inbound token validation and the outbound token provider.</summary>
public static class AuthServiceCollectionExtensions
{
    /// <summary>The named HttpClient that fetches OpenID metadata and signing keys.</summary>
    public const string MetadataHttpClientName = "InfoSharing.Bot.Auth.Metadata";

    /// <summary>The named HttpClient MSAL uses for token requests.</summary>
    public const string TokenHttpClientName = "InfoSharing.Bot.Auth.Token";

    /// <summary>
    /// Adds <see cref="BotCredentialsOptions"/> (bound from the root Microsoft* keys and the <c>BotAuthentication</c>
    /// section, validated on start), <see cref="IBotAuthenticator"/> and <see cref="IConnectorTokenProvider"/>.
    /// Registers <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is already registered.
    /// Idempotent: a second call changes nothing (the first call's configuration is the one bound).
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(OpenIdMetadataRegistry)))
        {
            return services;
        }

        services.AddOptions<BotCredentialsOptions>()
            .Configure(options => BotCredentialsOptions.Bind(configuration, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotCredentialsOptions>, BotCredentialsOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(MetadataHttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            client.MaxResponseContentBufferSize = 1024 * 1024;
        });
        services.AddHttpClient(TokenHttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));

        services.TryAddSingleton<OpenIdMetadataRegistry>();
        services.TryAddSingleton<IBotAuthenticator, BotAuthenticator>();
        services.TryAddSingleton<IConnectorTokenProvider, ConnectorTokenProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BotAuthenticationStartupLog>());
        return services;
    }
}
