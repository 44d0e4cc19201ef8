using InfoSharing.Bot.Tests.Auth;
using InfoSharing.Bot.Tests.Records;

namespace InfoSharing.Bot.Tests.Tabs;

/// <summary>
/// The headers every tab response carries (shell pages, data, the served scripts): only the bot's own files load, only
/// Teams and Office hosts (and, in Development only, the configured local hosts) may frame the tabs.
/// </summary>
public sealed class TabHeadersTests
{
    private const string LocalHost = "http://127.0.0.1:56170";

    [Theory]
    [InlineData("/tabs/approvals")]
    [InlineData("/tabs/records/ISR-2026-0001")]
    [InlineData("/tabs/lib/teams-js.min.js")]
    [InlineData("/tabs/api/statistics")]
    public async Task EveryTabResponse_LimitsItsFramesAndSources(string path)
    {
        await using var host = new RecordsHost(RecordsDatabase.Sqlite, new Dictionary<string, string?> { ["Tabs:DevelopmentHostOrigins:0"] = LocalHost });
        using var response = await host.GetAsync(path);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        var ancestors = directives["frame-ancestors"];
        Assert.Contains("https://teams.microsoft.com", ancestors);
        Assert.Contains(LocalHost, ancestors); // Development: the configured local Teams stand-in
        Assert.DoesNotContain("*", ancestors);
        Assert.All(ancestors, a => Assert.True(a == "'self'" || a.StartsWith("https://", StringComparison.Ordinal) || a == LocalHost, a));
        Assert.Equal("nosniff", string.Join(',', response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task OutsideDevelopment_TheLocalHostOrigins_AreIgnored()
    {
        await using var bot = await TestTokenIssuer.StartAsync();
        var settings = new Dictionary<string, string?>(bot.HostConfiguration()) { ["Connector:AllowLoopback"] = "false", ["Tabs:DevelopmentHostOrigins:0"] = LocalHost };
        await using var host = new RecordsHost(RecordsDatabase.Sqlite, settings, "Production");
        using var response = await host.GetAsync("/tabs/approvals");
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'self' https://teams.microsoft.com", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", csp, StringComparison.Ordinal);
    }
}
