using InfoSharing.Bot.Auth;
using InfoSharing.Bot.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

public sealed class ConnectorServiceCollectionExtensionsTests
{
    [Fact]
    public void AddConnector_NoSettings_BindsDocumentedDefaults()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<ConnectorOptions>>().Value;

        Assert.False(options.AllowLoopback);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(10), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.InitialRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), options.MaxRetryDelay);
        Assert.Equal(ConnectorOptions.DefaultAllowedServiceUrlHosts, options.EffectiveAllowedServiceUrlHosts);
        Assert.True(provider.GetRequiredService<ServiceUrlPolicy>().IsAllowed("https://smba.trafficmanager.net/teams/"));
    }

    [Fact]
    public void AddConnector_ConfiguredHosts_ReplaceTheDefaults()
    {
        using var provider = Build(new()
        {
            ["Connector:AllowedServiceUrlHosts:0"] = "*.teams.microsoft.us",
            ["Connector:AllowedServiceUrlHosts:1"] = "*.botframework.us",
        });

        var policy = provider.GetRequiredService<ServiceUrlPolicy>();

        Assert.True(policy.IsAllowed("https://smba.infra.gov.teams.microsoft.us/teams"));
        Assert.False(policy.IsAllowed("https://smba.trafficmanager.net/teams/"));
    }

    [Fact]
    public void AddConnector_DoesNotRegisterATokenProvider()
    {
        var services = new ServiceCollection();

        services.AddConnector(new ConfigurationBuilder().Build());

        Assert.DoesNotContain(services, descriptor => descriptor.ServiceType == typeof(IConnectorTokenProvider));
    }

    [Theory]
    [InlineData("Connector:AllowedServiceUrlHosts:0", "*", "Connector:AllowedServiceUrlHosts")]
    [InlineData("Connector:MaxRetries", "11", "Connector:MaxRetries")]
    [InlineData("Connector:AttemptTimeout", "00:00:00", "Connector:AttemptTimeout")]
    [InlineData("Connector:MaxRetryDelay", "00:05:00", "Connector:MaxRetryDelay")]
    [InlineData("Connector:InitialRetryDelay", "00:00:00", "Connector:InitialRetryDelay")]
    public void AddConnector_InvalidSetting_FailsStartupNamingTheSetting(string key, string value, string named)
    {
        using var provider = Build(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    [InlineData("Test", false)]
    public void AddConnector_AllowLoopback_RefusedOnlyInProduction(string environment, bool fails)
    {
        using var provider = Build(new() { ["Connector:AllowLoopback"] = "true" }, environment);
        var validator = provider.GetRequiredService<IStartupValidator>();

        if (fails)
        {
            var ex = Assert.Throws<OptionsValidationException>(validator.Validate);
            Assert.Contains("Connector:AllowLoopback", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            validator.Validate();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddConnector_StandardResilienceHandlerForAllClients_RemovedSoA500IsSentOnce(bool defaultsFirst)
    {
        var ct = TestContext.Current.CancellationToken;
        Action<IServiceCollection> addDefaults = static services =>
            services.ConfigureHttpClientDefaults(static http => http.AddStandardResilienceHandler());
        await using var harness = await ConnectorHarness.StartAsync(
            new() { BeforeAddConnector = defaultsFirst ? addDefaults : null, AfterAddConnector = defaultsFirst ? null : addDefaults },
            ct);
        harness.Connector.On(HttpMethod.Post, "/v3/conversations/c1/activities").RespondAlways(LoopbackResponse.Error(500, "ServiceError"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client
            .SendToConversationAsync(harness.Connector.ServiceUrl, "c1", ConnectorOperations.Message, ct)
            .WaitAsync(TimeSpan.FromSeconds(10), ct));

        Assert.Equal(ConnectorFailureKind.Transient, ex.Kind);
        Assert.Single(harness.Connector.Requests);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, string? environment = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConnectorTokenProvider>(new CountingTokenProvider(null));
        if (environment is not null)
        {
            services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(environment));
        }

        services.AddConnector(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    private sealed class TestHostEnvironment(string environmentName) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = environmentName;

        public string ApplicationName { get; set; } = "InfoSharing.Bot.Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
