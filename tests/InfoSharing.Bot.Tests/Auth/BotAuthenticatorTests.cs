using InfoSharing.Bot.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

public sealed class BotAuthenticatorTests(TestTokenIssuer issuer) : IClassFixture<TestTokenIssuer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(AuthCases.BadCaseNames), MemberType = typeof(AuthCases))]
    public async Task AuthenticateAsync_BadCase_IsRefusedForTheExpectedReason(string name)
    {
        var authCase = AuthCases.Get(name);
        var request = authCase.Build(issuer);

        var result = await AuthenticateAsync(request);

        Assert.False(result.Succeeded);
        Assert.Equal(authCase.ExpectedFailure, result.FailureReason);
        Assert.Null(result.Identity);
        Assert.Null(result.AppId);
        Assert.False(result.IsAnonymous);
    }

    [Theory]
    [MemberData(nameof(AuthCases.GoodCaseNames), MemberType = typeof(AuthCases))]
    public async Task AuthenticateAsync_GoodCase_IsAcceptedOnTheExpectedPath(string name)
    {
        var authCase = AuthCases.Get(name);
        var request = authCase.Build(issuer);

        var result = await AuthenticateAsync(request);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(authCase.ExpectedKind, result.Kind);
        Assert.Null(result.FailureReason);
        Assert.Equal(authCase.ExpectedKind == BotTokenKind.None, result.IsAnonymous);
        Assert.Equal(request.ConfiguredAppId, result.AppId);
    }

    [Fact]
    public void Catalogue_HasTheRequiredBreadth()
    {
        Assert.True(AuthCases.Bad.Count >= 12);
        Assert.Equal(AuthCases.Bad.Count + AuthCases.Good.Count, AuthCases.Bad.Concat(AuthCases.Good).Select(c => c.Name).Distinct().Count());
        Assert.All(AuthCases.Bad, c => Assert.False(c.ShouldSucceed));
        Assert.All(AuthCases.Good, c => Assert.True(c.ShouldSucceed));
    }

    [Fact]
    public async Task AuthenticateAsync_ValidChannelToken_ExposesTheValidatedClaims()
    {
        var request = AuthCases.Channel(issuer, t => t);

        var result = await AuthenticateAsync(request);

        Assert.True(result.Succeeded);
        Assert.Equal(TestTokenIssuer.AppId, result.AppId);
        Assert.NotNull(result.Identity);
        Assert.True(result.Identity.IsAuthenticated);
        Assert.Equal(TestTokenIssuer.ServiceUrl, result.Identity.FindFirst("serviceurl")?.Value);
        Assert.Equal(TestTokenIssuer.AppId, result.Identity.FindFirst("aud")?.Value);
        Assert.Equal(TestTokenIssuer.ChannelIssuer, result.Identity.FindFirst("iss")?.Value);
    }

    [Fact]
    public async Task AuthenticateAsync_EveryCase_NeverLogsTheToken()
    {
        var logs = new CollectingLoggerProvider();
        var tokens = new List<string>();
        foreach (var authCase in AuthCases.Bad.Concat(AuthCases.Good))
        {
            var request = authCase.Build(issuer);
            if (request.AuthorizationHeader?.Split(' ') is [_, var token, ..] && token.Length > 10)
            {
                tokens.Add(token);
            }

            await using var services = AuthTestServices.For(issuer, request, logs);
            await Authenticator(services).AuthenticateAsync(request.AuthorizationHeader, request.ChannelId, request.ServiceUrl, Ct);
        }

        Assert.NotEmpty(tokens);
        Assert.NotEmpty(logs.Entries);
        var secrets = tokens.Concat(tokens.Select(t => t.Split('.')[^1]).Where(signature => signature.Length > 16)).ToList();
        foreach (var entry in logs.Entries)
        {
            var text = entry.Message + entry.Exception;
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AuthenticateAsync_RefusedToken_LogsAWarningWithTheReason()
    {
        var logs = new CollectingLoggerProvider();
        var request = AuthCases.Get("wrong-audience").Build(issuer);
        await using var services = AuthTestServices.For(issuer, request, logs);

        await Authenticator(services).AuthenticateAsync(request.AuthorizationHeader, request.ChannelId, request.ServiceUrl, Ct);

        var entry = Assert.Single(logs.Entries, e => e.EventId.Id == 1101);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(BotAuthFailureReasons.InvalidAudience, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_TenantIssuerWhenTenantConfigured_IsAcceptedOnTheEmulatorPath()
    {
        var header = TestTokenIssuer.Bearer(TestTokenIssuer.CreateToken(
            issuer.EmulatorToken("2.0") with { Issuer = EmulatorIssuers.V2(TestTokenIssuer.TenantId) }));
        await using var services = AuthTestServices.Build(issuer.HostConfiguration(tenantId: TestTokenIssuer.TenantId, appType: "SingleTenant"));

        var result = await Authenticator(services).AuthenticateAsync(header, "emulator", "http://localhost:1234", Ct);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(BotTokenKind.Emulator, result.Kind);
    }

    [Fact]
    public async Task AuthenticateAsync_ClockPastExpiryPlusSkew_IsRefusedAsExpired()
    {
        var clock = new FakeTimeProvider(issuer.Clock.GetUtcNow());
        var request = AuthCases.Channel(issuer, t => t);
        await using var services = AuthTestServices.For(issuer, request, timeProvider: clock);
        var authenticator = Authenticator(services);
        Assert.True((await authenticator.AuthenticateAsync(request.AuthorizationHeader, request.ChannelId, request.ServiceUrl, Ct)).Succeeded);

        clock.Advance(TimeSpan.FromMinutes(55 + 4));
        var withinSkew = await authenticator.AuthenticateAsync(request.AuthorizationHeader, request.ChannelId, request.ServiceUrl, Ct);
        clock.Advance(TimeSpan.FromMinutes(2));
        var beyondSkew = await authenticator.AuthenticateAsync(request.AuthorizationHeader, request.ChannelId, request.ServiceUrl, Ct);

        Assert.True(withinSkew.Succeeded, withinSkew.FailureReason);
        Assert.False(beyondSkew.Succeeded);
        Assert.Equal(BotAuthFailureReasons.Expired, beyondSkew.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_MetadataNotFound_IsRefusedWithoutThrowing()
    {
        var settings = new Dictionary<string, string?>(issuer.HostConfiguration())
        {
            [BotCredentialsOptions.ChannelOpenIdMetadataUrlKey] = issuer.MissingMetadataUrl,
        };
        await using var services = AuthTestServices.Build(settings);
        var request = AuthCases.Channel(issuer, t => t);

        var result = await Authenticator(services).AuthenticateAsync(request.AuthorizationHeader, request.ChannelId, request.ServiceUrl, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(BotAuthFailureReasons.MetadataUnavailable, result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_PlainHttpMetadataWhenHttpsRequired_IsRefusedWithoutFetching()
    {
        // Start-up validation already refuses http metadata URLs with RequireHttpsMetadata=true; this proves the
        // fetch itself refuses them too, by building the authenticator around unvalidated options.
        var request = AuthCases.Channel(issuer, t => t);
        await using var services = AuthTestServices.For(issuer, request);
        var options = new BotCredentialsOptions();
        BotCredentialsOptions.Bind(new ConfigurationBuilder().AddInMemoryCollection(issuer.HostConfiguration()).Build(), options);
        options.RequireHttpsMetadata = true;
        var wrapped = Options.Create(options);
        using var registry = new OpenIdMetadataRegistry(
            services.GetRequiredService<IHttpClientFactory>(), wrapped, TimeProvider.System, NullLoggerFactory.Instance);
        var authenticator = new BotAuthenticator(wrapped, registry, TimeProvider.System, NullLogger<BotAuthenticator>.Instance);
        var before = issuer.ChannelMetadataRequests;

        var result = await authenticator.AuthenticateAsync(request.AuthorizationHeader, request.ChannelId, request.ServiceUrl, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(BotAuthFailureReasons.MetadataUnavailable, result.FailureReason);
        Assert.Equal(before, issuer.ChannelMetadataRequests);
    }

    [Fact]
    public async Task AuthenticateAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var request = AuthCases.Channel(issuer, t => t);
        await using var services = AuthTestServices.For(issuer, request);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Authenticator(services).AuthenticateAsync(request.AuthorizationHeader, request.ChannelId, request.ServiceUrl, cancelled.Token));
    }

    private static IBotAuthenticator Authenticator(IServiceProvider services) => services.GetRequiredService<IBotAuthenticator>();

    private async Task<BotAuthResult> AuthenticateAsync(AuthRequest request)
    {
        await using var services = AuthTestServices.For(issuer, request);
        return await Authenticator(services).AuthenticateAsync(request.AuthorizationHeader, request.ChannelId, request.ServiceUrl, Ct);
    }
}
