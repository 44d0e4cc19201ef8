using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>
/// The scheduler's own loop, and several instances on one database: every due job fires exactly once although both
/// instances' loops and extra runs race for it (a compare-and-set lease to claim, a compare-and-set on the claim to complete).
/// </summary>
public abstract class ReminderInstancesTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> LoopsOn = new()
    {
        ["Safeguarding:Reminders:Enabled"] = "true",
        ["Safeguarding:Reminders:PollInterval"] = "00:00:00.050",
    };

    protected SafeguardingWorld World { get; private set; } = null!;

    protected abstract Task<string?> DatabaseAsync();

    public async ValueTask InitializeAsync() => World = await SafeguardingWorld.StartAsync(await DatabaseAsync(), LoopsOn);

    public async ValueTask DisposeAsync() => await World.DisposeAsync();

    [Fact]
    public async Task TheLoop_FiresDueJobsByItself()
    {
        var id = await World.SubmitRequestAsync();
        var (thread, _) = await World.CardPostedAsync(id);
        await World.OutboxIdleAsync();
        World.Clock.Advance(TimeSpan.FromHours(20) + TimeSpan.FromMinutes(1));
        await World.Channel.WaitForAsync(c => c.Path == $"/v3/conversations/{thread}/activities" && c.Text?.Contains("Reminder", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task TwoInstances_EveryJobFiresExactlyOnce()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await World.SubmitRequestAsync());
        }

        await using var second = World.SecondInstance();
        _ = second.Services; // the second instance starts: its scheduler and outbox loops run too
        await World.OutboxIdleAsync();

        World.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1)); // every reminder and escalation is due
        var schedulers = new[] { World.Host, second }.Select(h => h.Services.GetRequiredService<ReminderScheduler>()).ToArray();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => schedulers[i % 2].RunOnceAsync(CancellationToken.None)));
        await World.WaitUntilAsync(async db => !await db.ScheduledJobs.AnyAsync(j => ids.Contains(j.RequestId) && j.Status == JobStatus.Pending && j.Kind != JobKinds.PractitionerReminder));
        await World.OutboxIdleAsync();

        var notices = await World.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Operation == OutboxOperations.ChannelNotice).ToListAsync());
        Assert.Equal(6, notices.Count);
        Assert.Equal(6, notices.Select(o => (o.RequestId, o.Purpose)).Distinct().Count());
        Assert.Equal(6, await World.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "reminder-sent" || e.Action == "escalated")));
        foreach (var id in ids)
        {
            var (thread, _) = await World.CardPostedAsync(id);
            Assert.Single(World.ThreadMessages(thread), m => m.Text?.Contains("Reminder", StringComparison.Ordinal) == true);
            Assert.Single(World.ThreadMessages(thread), m => m.Text?.Contains("Escalation", StringComparison.Ordinal) == true);
        }
    }
}

public sealed class SqliteReminderInstancesTests : ReminderInstancesTests
{
    protected override Task<string?> DatabaseAsync() => Task.FromResult<string?>(null);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresReminderInstancesTests(PostgresServer server) : ReminderInstancesTests
{
    protected override async Task<string?> DatabaseAsync()
    {
        if (server.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        return await server.CreateDatabaseAsync();
    }
}
