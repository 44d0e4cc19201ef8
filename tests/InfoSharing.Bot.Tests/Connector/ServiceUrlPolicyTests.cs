using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

public sealed class ServiceUrlPolicyTests
{
    private static readonly ServiceUrlPolicy Defaults = new(ConnectorOptions.DefaultAllowedServiceUrlHosts, allowLoopback: false);
    private static readonly ServiceUrlPolicy DefaultsWithLoopback = new(ConnectorOptions.DefaultAllowedServiceUrlHosts, allowLoopback: true);

    [Theory]
    [InlineData("https://smba.trafficmanager.net/teams/", true)]
    [InlineData("https://smba.trafficmanager.net/amer", true)]
    [InlineData("https://SMBA.TrafficManager.NET/emea/", true)]
    [InlineData("https://smba.trafficmanager.net:443/teams/", true)]
    [InlineData("https://europe.webchat.botframework.com/", true)]
    [InlineData("https://a.b.botframework.com/", true)]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/teams", true)]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/teams", true)]
    [InlineData("https://token.botframework.us/", true)]
    [InlineData("http://smba.trafficmanager.net/teams/", false)]
    [InlineData("ftp://smba.trafficmanager.net/teams/", false)]
    [InlineData("https://botframework.com/", false)]
    [InlineData("https://evilbotframework.com/", false)]
    [InlineData("https://botframework.com.evil.invalid/", false)]
    [InlineData("https://evil.trafficmanager.net/", false)]
    [InlineData("https://smba.trafficmanager.net.invalid/", false)]
    [InlineData("https://smba.trafficmanager.net./teams/", false)]
    [InlineData("https://user:secret@smba.trafficmanager.net/teams/", false)]
    [InlineData("https://smba.trafficmanager.net/teams/?next=https://evil.invalid/", false)]
    [InlineData("https://smba.trafficmanager.net/teams/#fragment", false)]
    [InlineData("https://teams.microsoft.com.evil.invalid/", false)]
    [InlineData("http://localhost:3978/", false)]
    [InlineData("http://127.0.0.1:3978/", false)]
    [InlineData("/v3/conversations", false)]
    [InlineData("smba.trafficmanager.net/teams", false)]
    [InlineData("not a url", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsAllowed_DefaultHostsWithoutLoopback_MatchesTable(string? serviceUrl, bool expected)
    {
        Assert.Equal(expected, Defaults.IsAllowed(serviceUrl));
    }

    [Theory]
    [InlineData("http://localhost:3978/", true)]
    [InlineData("http://LOCALHOST:3978", true)]
    [InlineData("https://localhost/", true)]
    [InlineData("http://127.0.0.1:9/", true)]
    [InlineData("http://[::1]:3978/", true)]
    [InlineData("http://127.0.0.2:9/", false)]
    [InlineData("http://0.0.0.0:3978/", false)]
    [InlineData("http://[::ffff:127.0.0.1]:3978/", false)]
    [InlineData("http://10.0.0.1/", false)]
    [InlineData("http://localhost.invalid/", false)]
    [InlineData("http://bot.example.invalid/", false)]
    [InlineData("ftp://localhost/", false)]
    [InlineData("https://smba.trafficmanager.net/teams/", true)]
    public void IsAllowed_LoopbackAllowed_OnlyExactLoopbackHosts(string serviceUrl, bool expected)
    {
        Assert.Equal(expected, DefaultsWithLoopback.IsAllowed(serviceUrl));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/teams", "https://smba.trafficmanager.net/teams/")]
    [InlineData("https://smba.trafficmanager.net/teams/", "https://smba.trafficmanager.net/teams/")]
    [InlineData("https://smba.trafficmanager.net/teams//", "https://smba.trafficmanager.net/teams/")]
    [InlineData("https://smba.trafficmanager.net", "https://smba.trafficmanager.net/")]
    [InlineData("https://SMBA.trafficmanager.net:443/amer/", "https://smba.trafficmanager.net/amer/")]
    [InlineData("  https://smba.trafficmanager.net/emea  ", "https://smba.trafficmanager.net/emea/")]
    public void TryGetBaseUri_AllowedUrl_EndsInExactlyOneSlash(string serviceUrl, string expected)
    {
        Assert.True(Defaults.TryGetBaseUri(serviceUrl, out var baseUri));
        Assert.Equal(expected, baseUri.AbsoluteUri);
    }

    [Theory]
    [InlineData("*.botframework.com", true)]
    [InlineData("smba.trafficmanager.net", true)]
    [InlineData("*.contoso.devtunnels.ms", true)]
    [InlineData("10.0.0.5", true)]
    [InlineData("*", false)]
    [InlineData("*.com", false)]
    [InlineData("*botframework.com", false)]
    [InlineData("a.*.botframework.com", false)]
    [InlineData("https://smba.trafficmanager.net", false)]
    [InlineData("smba.trafficmanager.net/teams", false)]
    [InlineData("smba.trafficmanager.net.", false)]
    [InlineData("*.botframework.com.", false)]
    [InlineData(" smba.trafficmanager.net", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidHostPattern_Pattern_MatchesTable(string? pattern, bool expected)
    {
        Assert.Equal(expected, ServiceUrlPolicy.IsValidHostPattern(pattern));
    }

    [Fact]
    public void IsAllowed_ConfiguredPatterns_ReplaceDefaults()
    {
        var policy = new ServiceUrlPolicy(["*.teams.microsoft.us"], allowLoopback: false);

        Assert.True(policy.IsAllowed("https://smba.infra.gov.teams.microsoft.us/teams"));
        Assert.False(policy.IsAllowed("https://smba.trafficmanager.net/teams/"));
    }

    [Fact]
    public void Constructor_InvalidPattern_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ServiceUrlPolicy(["*"], allowLoopback: false));
    }
}
