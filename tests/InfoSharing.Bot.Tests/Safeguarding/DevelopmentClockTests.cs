using System.Net;
using System.Net.Http.Json;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Hosting;
using InfoSharing.Bot.Tests.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>The Development clock that lets the Playground spec see reminders fire: Development only, loopback only.</summary>
public sealed class DevelopmentClockTests
{
    private static IConfiguration Settings(bool on) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DevelopmentClock.SettingKey] = on ? "true" : "false" }).Build();

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void SwitchedOnOutsideDevelopment_StopsTheHostNamingTheSetting(string environment)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DevelopmentClock.TryRegister(new ServiceCollection(), Settings(true), new TestHostEnvironment(environment)));
        Assert.Contains(DevelopmentClock.SettingKey, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", true, true)]
    [InlineData("Development", false, false)]
    [InlineData("Production", false, false)]
    public void TryRegister_OnlyWhenSwitchedOnInDevelopment(string environment, bool on, bool registered)
    {
        var services = new ServiceCollection();
        Assert.Equal(registered, DevelopmentClock.TryRegister(services, Settings(on), new TestHostEnvironment(environment)));
        Assert.Equal(registered, services.Any(s => s.ServiceType == typeof(TimeProvider)));
    }

    [Fact]
    public void Advance_MovesNowByTheOffset_ResetReturnsToTheSystemClock()
    {
        var clock = new DevelopmentClock();
        clock.Advance(TimeSpan.FromHours(20));
        Assert.InRange(clock.GetUtcNow() - TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(20) - TimeSpan.FromSeconds(5), TimeSpan.FromHours(20) + TimeSpan.FromSeconds(5));
        clock.Reset();
        Assert.Equal(TimeSpan.Zero, clock.Offset);
    }

    [Fact]
    public async Task Endpoint_RefusesACallerThatIsNotOnThisMachine()
    {
        await using var host = new Hosting.BotHost(); // Development, with the clock on (appsettings.Development.json)
        var response = await host.CreateClient().PostAsJsonAsync("/_dev/clock", new { advanceMinutes = 60 }); // the test server gives no loopback address
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(TimeSpan.Zero, host.Services.GetRequiredService<DevelopmentClock>().Offset);
    }
}
