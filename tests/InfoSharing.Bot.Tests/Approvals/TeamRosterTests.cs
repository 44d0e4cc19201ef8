using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Protocol;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoSharing.Bot.Tests.Approvals;

/// <summary>The roster kept between reads: for its duration, for that roster only, and never past a membership change.</summary>
public sealed class TeamRosterTests
{
    private const string Url = "http://127.0.0.1:9/";
    private static readonly IReadOnlyList<TeamsMember> Read = [new TeamsMember { Id = "29:a", Name = "Ann" }];
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    private TeamRoster Roster(TimeSpan duration) =>
        new(new StaticMonitor(new ApprovalOptions { RosterCacheDuration = duration }), _clock);

    [Fact]
    public void Kept_UntilItsDurationEnds_ForThatRosterOnly()
    {
        var roster = Roster(TimeSpan.FromMinutes(5));
        Assert.Null(roster.Find(Url, "team-1"));

        roster.Keep(roster.Stamp(), Url, "team-1", Read);
        Assert.Same(Read, roster.Find(Url, "team-1"));
        Assert.Null(roster.Find(Url, "team-2"));
        Assert.Null(roster.Find("http://127.0.0.2:9/", "team-1"));

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.Same(Read, roster.Find(Url, "team-1"));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(roster.Find(Url, "team-1"));
    }

    [Fact]
    public void Forget_DropsWhatWasRead_AndAReadThatStartedBeforeTheChangeIsNotKept()
    {
        var roster = Roster(TimeSpan.FromMinutes(5));
        roster.Keep(roster.Stamp(), Url, "team-1", Read);
        roster.Forget();
        Assert.Null(roster.Find(Url, "team-1"));

        var stamp = roster.Stamp(); // a read starts...
        roster.Forget();            // ...someone joins while it is in flight...
        roster.Keep(stamp, Url, "team-1", Read);
        Assert.Null(roster.Find(Url, "team-1")); // ...so what it read may be stale and is not kept

        roster.Keep(roster.Stamp(), Url, "team-1", Read);
        Assert.Same(Read, roster.Find(Url, "team-1"));
    }

    [Fact]
    public void ZeroDuration_KeepsNothing()
    {
        var roster = Roster(TimeSpan.Zero);
        roster.Keep(roster.Stamp(), Url, "team-1", Read);
        Assert.Null(roster.Find(Url, "team-1"));
    }

    private sealed class StaticMonitor(ApprovalOptions value) : IOptionsMonitor<ApprovalOptions>
    {
        public ApprovalOptions CurrentValue => value;

        public ApprovalOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ApprovalOptions, string?> listener) => null;
    }
}
