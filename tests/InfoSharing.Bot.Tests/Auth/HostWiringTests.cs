using InfoSharing.Bot.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

/// <summary>
/// The fixture as a pipeline test would use it: a real host (WebApplicationFactory) configured through
/// <see cref="TestTokenIssuer.HostConfiguration"/> with UseSetting, authenticating the catalogue.
/// </summary>
public sealed class HostWiringTests(TestTokenIssuer issuer) : IClassFixture<TestTokenIssuer>
{
    [Fact]
    public async Task HostConfiguredFromTheFixture_AuthenticatesTheCatalogue()
    {
        using var withAppId = CreateFactory(TestTokenIssuer.AppId, "Production");
        using var withoutAppId = CreateFactory(appId: null, "Development");

        foreach (var authCase in AuthCases.Bad.Concat(AuthCases.Good))
        {
            var request = authCase.Build(issuer);
            var factory = request.ConfiguredAppId is null ? withoutAppId : withAppId;
            var authenticator = factory.Services.GetRequiredService<IBotAuthenticator>();

            var result = await authenticator.AuthenticateAsync(
                request.AuthorizationHeader, request.ChannelId, request.ServiceUrl, TestContext.Current.CancellationToken);

            Assert.True(authCase.ShouldSucceed == result.Succeeded, $"{authCase.Name}: {result.FailureReason}");
        }
    }

    private WebApplicationFactory<Program> CreateFactory(string? appId, string environment) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Policy:Path", InfoSharing.Bot.Tests.Policy.ProductionPolicy.Path); // real contacts: placeholders refuse outside Development
            foreach (var (key, value) in issuer.HostConfiguration(appId))
            {
                builder.UseSetting(key, value);
            }

            // Until the composition root calls AddBotAuthentication itself (idempotent, so this stays harmless).
            builder.ConfigureServices((context, services) => services.AddBotAuthentication(context.Configuration));
        });
}
