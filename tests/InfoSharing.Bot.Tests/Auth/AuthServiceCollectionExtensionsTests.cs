using InfoSharing.Bot.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

public sealed class AuthServiceCollectionExtensionsTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["MicrosoftAppId"] = TestTokenIssuer.AppId,
        ["MicrosoftAppPassword"] = "secret",
    };

    [Fact]
    public void AddBotAuthentication_Resolves_SingletonsForTheProcess()
    {
        using var services = AuthTestServices.Build(Settings);

        Assert.IsType<BotAuthenticator>(services.GetRequiredService<IBotAuthenticator>());
        Assert.IsType<ConnectorTokenProvider>(services.GetRequiredService<IConnectorTokenProvider>());
        Assert.Same(services.GetRequiredService<IBotAuthenticator>(), services.GetRequiredService<IBotAuthenticator>());
        Assert.Same(services.GetRequiredService<IConnectorTokenProvider>(), services.GetRequiredService<IConnectorTokenProvider>());
        Assert.Contains(services.GetServices<IHostedService>(), s => s is BotAuthenticationStartupLog);
    }

    [Fact]
    public void AddBotAuthentication_CalledTwice_RegistersOnceAndKeepsTheFirstConfiguration()
    {
        using var services = AuthTestServices.Build(Settings, configure: s => s.AddBotAuthentication(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));

        Assert.Single(services.GetServices<IBotAuthenticator>());
        Assert.Single(services.GetServices<IConnectorTokenProvider>());
        Assert.Single(services.GetServices<IHostedService>(), s => s is BotAuthenticationStartupLog);
        Assert.Single(services.GetServices<Microsoft.Extensions.Options.IValidateOptions<BotCredentialsOptions>>());
        Assert.Equal(TestTokenIssuer.AppId, services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BotCredentialsOptions>>().Value.MicrosoftAppId);
    }

    [Fact]
    public void AddBotAuthentication_ExistingTimeProvider_IsKept()
    {
        var clock = new FakeTimeProvider();
        using var services = AuthTestServices.Build(Settings, timeProvider: clock);

        Assert.Same(clock, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddBotAuthentication_SameMetadataUrlTwice_SharesOneSource()
    {
        using var services = AuthTestServices.Build(new Dictionary<string, string?>(Settings)
        {
            ["BotAuthentication:EmulatorOpenIdMetadataUrl"] = "https://login.botframework.com/v1/.well-known/openidconfiguration",
        });
        var registry = services.GetRequiredService<OpenIdMetadataRegistry>();

        Assert.Same(
            registry.Get("https://login.botframework.com/v1/.well-known/openidconfiguration"),
            registry.Get(BotCredentialsOptions.DefaultChannelOpenIdMetadataUrl));
        Assert.NotSame(
            registry.Get(BotCredentialsOptions.DefaultChannelOpenIdMetadataUrl),
            registry.Get(BotCredentialsOptions.DefaultEmulatorOpenIdMetadataUrl));
    }
}
