using InfoSharing.Bot.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

/// <summary>A container with <see cref="AuthServiceCollectionExtensions.AddBotAuthentication"/> as a host would build it.</summary>
internal static class AuthTestServices
{
    public static ServiceProvider Build(
        IReadOnlyDictionary<string, string?> settings,
        string environment = "Production",
        TimeProvider? timeProvider = null,
        CollectingLoggerProvider? logs = null,
        Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(environment));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddBotAuthentication(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>An authenticator for a host configured like <paramref name="request"/> says, trusting <paramref name="issuer"/>.</summary>
    public static ServiceProvider For(TestTokenIssuer issuer, AuthRequest request, CollectingLoggerProvider? logs = null, TimeProvider? timeProvider = null) =>
        Build(
            issuer.HostConfiguration(request.ConfiguredAppId),
            environment: request.ConfiguredAppId is null ? "Development" : "Production",
            timeProvider: timeProvider,
            logs: logs);
}
