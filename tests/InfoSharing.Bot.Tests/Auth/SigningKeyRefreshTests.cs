using InfoSharing.Bot.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

/// <summary>Metadata caching and key rollover; each test owns its issuer so request counts are its own.</summary>
public sealed class SigningKeyRefreshTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuthenticateAsync_ManyRequests_FetchEachMetadataDocumentOnce()
    {
        await using var issuer = await TestTokenIssuer.StartAsync();
        await using var services = AuthTestServices.Build(issuer.HostConfiguration());
        var authenticator = services.GetRequiredService<IBotAuthenticator>();
        var channel = AuthCases.Channel(issuer, t => t);
        var emulator = AuthCases.Emulator(issuer, "2.0", t => t);

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await authenticator.AuthenticateAsync(channel.AuthorizationHeader, channel.ChannelId, channel.ServiceUrl, Ct)).Succeeded);
            Assert.True((await authenticator.AuthenticateAsync(emulator.AuthorizationHeader, emulator.ChannelId, emulator.ServiceUrl, Ct)).Succeeded);
        }

        Assert.Equal(1, issuer.ChannelMetadataRequests);
        Assert.Equal(1, issuer.ChannelKeysRequests);
        Assert.Equal(1, issuer.EntraMetadataRequests);
        Assert.Equal(1, issuer.EntraKeysRequests);
    }

    [Fact]
    public async Task AuthenticateAsync_TokenSignedWithKeyPublishedAfterCaching_IsAcceptedAfterOneRefresh()
    {
        await using var issuer = await TestTokenIssuer.StartAsync();
        await using var services = AuthTestServices.Build(issuer.HostConfiguration());
        var authenticator = services.GetRequiredService<IBotAuthenticator>();
        var before = AuthCases.Channel(issuer, t => t);
        Assert.True((await authenticator.AuthenticateAsync(before.AuthorizationHeader, before.ChannelId, before.ServiceUrl, Ct)).Succeeded);
        Assert.Equal(1, issuer.ChannelKeysRequests);

        issuer.PublishRolloverKey();
        var rolled = AuthCases.Channel(issuer, t => t with { SigningKey = issuer.RolloverKey });
        var result = await authenticator.AuthenticateAsync(rolled.AuthorizationHeader, rolled.ChannelId, rolled.ServiceUrl, Ct);
        var again = await authenticator.AuthenticateAsync(rolled.AuthorizationHeader, rolled.ChannelId, rolled.ServiceUrl, Ct);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(BotTokenKind.Channel, result.Kind);
        Assert.True(again.Succeeded, again.FailureReason);
        Assert.Equal(2, issuer.ChannelKeysRequests);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKeysInQuickSuccession_RefreshAtMostOncePerFiveMinutes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var issuer = await TestTokenIssuer.StartAsync(clock);
        await using var services = AuthTestServices.Build(issuer.HostConfiguration(), timeProvider: clock);
        var authenticator = services.GetRequiredService<IBotAuthenticator>();
        var unknown = AuthCases.Channel(issuer, t => t with { SigningKey = issuer.UnpublishedKey });

        for (var i = 0; i < 5; i++)
        {
            var refused = await authenticator.AuthenticateAsync(unknown.AuthorizationHeader, unknown.ChannelId, unknown.ServiceUrl, Ct);
            Assert.Equal(BotAuthFailureReasons.SigningKeyNotFound, refused.FailureReason);
        }

        Assert.Equal(2, issuer.ChannelKeysRequests); // the first load, then one forced refresh

        clock.Advance(OpenIdMetadataSource.MinimumRefreshInterval);
        issuer.PublishRolloverKey();
        var rolled = AuthCases.Channel(issuer, t => t with { SigningKey = issuer.RolloverKey });
        var accepted = await authenticator.AuthenticateAsync(rolled.AuthorizationHeader, rolled.ChannelId, rolled.ServiceUrl, Ct);

        Assert.True(accepted.Succeeded, accepted.FailureReason);
        Assert.Equal(3, issuer.ChannelKeysRequests);
    }

    [Fact]
    public async Task AuthenticateAsync_ConcurrentRequestsWithANewKey_ShareOneRefresh()
    {
        await using var issuer = await TestTokenIssuer.StartAsync();
        await using var services = AuthTestServices.Build(issuer.HostConfiguration());
        var authenticator = services.GetRequiredService<IBotAuthenticator>();
        var warmUp = AuthCases.Channel(issuer, t => t);
        Assert.True((await authenticator.AuthenticateAsync(warmUp.AuthorizationHeader, warmUp.ChannelId, warmUp.ServiceUrl, Ct)).Succeeded);

        issuer.PublishRolloverKey();
        var rolled = AuthCases.Channel(issuer, t => t with { SigningKey = issuer.RolloverKey });
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            authenticator.AuthenticateAsync(rolled.AuthorizationHeader, rolled.ChannelId, rolled.ServiceUrl, Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.FailureReason));
        Assert.Equal(2, issuer.ChannelKeysRequests);
    }

    [Fact]
    public void ReadEndorsements_KeysWithAndWithoutEndorsements_MapsKidToChannels()
    {
        const string jwks = """
            {"keys":[
              {"kty":"RSA","kid":"a","endorsements":["msteams","emulator"]},
              {"kty":"RSA","kid":"b"},
              {"kty":"RSA","kid":"c","endorsements":"msteams"},
              {"kty":"RSA","kid":"a","endorsements":["skype"]},
              {"kty":"RSA","endorsements":["msteams"]},
              {"kty":"RSA","kid":"d","endorsements":[1,null,"webchat"]}
            ]}
            """;

        var map = BotOpenIdMetadataRetriever.ReadEndorsements(jwks);

        Assert.Equal(["a", "b", "c", "d"], map.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["emulator", "msteams"], map["a"].Order(StringComparer.Ordinal));
        Assert.Empty(map["b"]);
        Assert.Empty(map["c"]);
        Assert.Equal(["webchat"], map["d"]);
        Assert.DoesNotContain("MSTEAMS", (IReadOnlySet<string>)map["a"]);
    }
}
