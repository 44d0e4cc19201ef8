using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Connector;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ConnectorClient"/> as a typed client with its options (section <c>Connector</c>, validated at
    /// start-up), the <see cref="ServiceUrlPolicy"/> and the retry handler. Needs an <see cref="Auth.IConnectorTokenProvider"/>
    /// registered elsewhere; uses <see cref="TimeProvider.System"/> unless a TimeProvider is already registered.
    /// </summary>
    public static IServiceCollection AddConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ConnectorOptions>()
            .Bind(configuration.GetSection(ConnectorOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => ServiceUrlPolicy.FromOptions(provider.GetRequiredService<IOptions<ConnectorOptions>>().Value));
        services.TryAddTransient<ConnectorRetryHandler>();

        var builder = services.AddHttpClient<ConnectorClient>(static client =>
            {
                // Every attempt has its own timeout in ConnectorRetryHandler; a client-wide one would cut retries short.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                // A redirect would take the request (and, on the same host, the token) somewhere the allow-list never saw.
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddHttpMessageHandler<ConnectorRetryHandler>();

        // A standard resilience handler added for every client (ConfigureHttpClientDefaults) would retry POSTs on 5xx and
        // timeouts: duplicate messages. The removal API is marked experimental; a build break if it changes is preferable
        // to silently doubled sends.
#pragma warning disable EXTEXP0001
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        return services;
    }
}
