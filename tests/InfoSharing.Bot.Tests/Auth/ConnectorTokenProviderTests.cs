using InfoSharing.Bot.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

public sealed class ConnectorTokenProviderTests
{
    private const string Secret = "client-secret-for-tests";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetTokenAsync_NoAppId_ReturnsNullWithoutAnyRequest()
    {
        await using var endpoint = await StartAsync();
        await using var services = Build(endpoint, new() { ["MicrosoftAppId"] = null }, environment: "Development");

        var token = await services.GetRequiredService<IConnectorTokenProvider>().GetTokenAsync(Ct);

        Assert.Null(token);
        Assert.Empty(endpoint.Requests);
    }

    [Fact]
    public async Task GetTokenAsync_MultiTenant_PostsClientCredentialsToTheBotFrameworkTenant()
    {
        await using var endpoint = await StartAsync();
        await using var services = Build(endpoint, new() { ["MicrosoftAppId"] = TestTokenIssuer.AppId, ["MicrosoftAppPassword"] = Secret });

        var token = await services.GetRequiredService<IConnectorTokenProvider>().GetTokenAsync(Ct);

        Assert.Equal("fake-access-token-1", token);
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/botframework.com/oauth2/v2.0/token", request.Path);
        Assert.Equal("client_credentials", request.Form["grant_type"]);
        Assert.Equal(TestTokenIssuer.AppId, request.Form["client_id"]);
        Assert.Equal(Secret, request.Form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", request.Form["scope"]);
    }

    [Fact]
    public async Task GetTokenAsync_CalledAgain_IsServedFromTheMsalCache()
    {
        await using var endpoint = await StartAsync();
        await using var services = Build(endpoint, new() { ["MicrosoftAppId"] = TestTokenIssuer.AppId, ["MicrosoftAppPassword"] = Secret });
        var provider = services.GetRequiredService<IConnectorTokenProvider>();

        var first = await provider.GetTokenAsync(Ct);
        var second = await provider.GetTokenAsync(Ct);
        var third = await services.GetRequiredService<IConnectorTokenProvider>().GetTokenAsync(Ct);

        Assert.Equal(first, second);
        Assert.Equal(first, third);
        Assert.Single(endpoint.Requests);
    }

    [Fact]
    public async Task GetTokenAsync_SingleTenant_PostsToTheBotsOwnTenant()
    {
        await using var endpoint = await StartAsync();
        await using var services = Build(endpoint, new()
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = TestTokenIssuer.AppId,
            ["MicrosoftAppPassword"] = Secret,
            ["MicrosoftAppTenantId"] = TestTokenIssuer.TenantId,
        });

        var token = await services.GetRequiredService<IConnectorTokenProvider>().GetTokenAsync(Ct);

        Assert.NotNull(token);
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal($"/{TestTokenIssuer.TenantId}/oauth2/v2.0/token", request.Path);
        Assert.Equal("https://api.botframework.com/.default", request.Form["scope"]);
    }

    [Fact]
    public async Task GetTokenAsync_EndpointRefusesTheSecret_ThrowsAndLogsWithoutTheSecret()
    {
        await using var endpoint = await StartAsync();
        endpoint.FailWithError = "invalid_client";
        var logs = new CollectingLoggerProvider();
        await using var services = Build(endpoint, new() { ["MicrosoftAppId"] = TestTokenIssuer.AppId, ["MicrosoftAppPassword"] = Secret }, logs: logs);

        var error = await Assert.ThrowsAsync<MsalServiceException>(
            async () => await services.GetRequiredService<IConnectorTokenProvider>().GetTokenAsync(Ct));

        Assert.Equal("invalid_client", error.ErrorCode);
        var entry = Assert.Single(logs.Entries, e => e.EventId.Id == 1120);
        Assert.Contains("invalid_client", entry.Message, StringComparison.Ordinal);
        Assert.All(logs.Entries, e => Assert.DoesNotContain(Secret, e.Message + e.Exception, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, "https://login.microsoftonline.com/botframework.com")]
    [InlineData("MultiTenant", "https://login.microsoftonline.us/", "https://login.microsoftonline.us/botframework.com")]
    [InlineData("SingleTenant", null, "https://login.microsoftonline.com/" + TestTokenIssuer.TenantId)]
    public void Authority_ByAppType_IsTheDocumentedOne(string? appType, string? host, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppId"] = TestTokenIssuer.AppId,
            ["MicrosoftAppPassword"] = Secret,
            ["MicrosoftAppTenantId"] = TestTokenIssuer.TenantId,
            ["BotAuthentication:AuthorityHost"] = host,
        };
        using var services = AuthTestServices.Build(settings);

        var provider = Assert.IsType<ConnectorTokenProvider>(services.GetRequiredService<IConnectorTokenProvider>());

        Assert.Equal(expected, provider.Authority);
    }

    [Fact]
    public void Resolve_UserAssignedMsi_BuildsWithoutTouchingTheNetwork()
    {
        // Acquiring a managed-identity token would call the platform's identity endpoint (IMDS, a non-loopback
        // address), so only construction is tested here.
        using var services = AuthTestServices.Build(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "UserAssignedMSI",
            ["MicrosoftAppId"] = TestTokenIssuer.AppId,
            ["MicrosoftAppTenantId"] = TestTokenIssuer.TenantId,
        });

        var provider = Assert.IsType<ConnectorTokenProvider>(services.GetRequiredService<IConnectorTokenProvider>());

        Assert.Null(provider.Authority);
    }

    private static async Task<FakeTokenEndpoint> StartAsync()
    {
        var endpoint = new FakeTokenEndpoint();
        await endpoint.InitializeAsync();
        return endpoint;
    }

    private static ServiceProvider Build(
        FakeTokenEndpoint endpoint,
        Dictionary<string, string?> settings,
        string environment = "Production",
        CollectingLoggerProvider? logs = null)
    {
        settings["BotAuthentication:AuthorityHost"] = endpoint.AuthorityHost;
        return AuthTestServices.Build(settings, environment, logs: logs, configure: services =>
            services.AddHttpClient(AuthServiceCollectionExtensions.TokenHttpClientName)
                .ConfigurePrimaryHttpMessageHandler(endpoint.CreateTrustingHandler));
    }
}
