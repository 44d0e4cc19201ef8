using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Approvals;

/// <summary>The durable outbox against a connector that throttles, fails, hangs or refuses: nothing lost, nothing duplicated.</summary>
public sealed class OutboxFaultTests
{
    private static readonly Dictionary<string, string?> FastConnector = new()
    {
        ["Connector:AttemptTimeout"] = "00:00:01",
        ["Connector:InitialRetryDelay"] = "00:00:00.010",
    };

    private static async Task<ApprovalScenario> DecidedAsync(params ScriptedFault[] faults)
    {
        var s = await ApprovalScenario.StartAsync(settings: FastConnector);
        foreach (var fault in faults)
        {
            s.Channel.Faults.Enqueue(fault);
        }

        var response = await s.ClickAsync("29:approver", ApprovalScenario.ApproverAad, "approve");
        response.EnsureSuccessStatusCode();
        return s;
    }

    private static int Accepted(ApprovalScenario s, string method, string fragment) =>
        s.Channel.Calls.Count(c => c.Method == method && c.Path.Contains(fragment, StringComparison.Ordinal) && c.Body is not null);

    [Fact]
    public async Task Update_ThrottledWith429ThenAccepted_IsSentOnce()
    {
        await using var s = await DecidedAsync(new ScriptedFault("PUT", "/activities/", 429, "Throttled", RetryAfterSeconds: 0));
        await s.WaitUntilAsync(db => db.Outbox.AnyAsync(o => o.Operation == OutboxOperations.UpdateApprovalCard && o.Status == OutboxStatus.Sent));
        Assert.Equal(2, s.Channel.Calls.Count(c => c.Method == "PUT")); // the 429 and the accepted one
    }

    [Fact]
    public async Task Notification_ConnectorAnswers500_IsRetriedByTheOutboxAndDeliveredOnce()
    {
        await using var s = await DecidedAsync(new ScriptedFault("POST", "/v3/conversations", 500, "InternalError"));
        await s.WaitUntilAsync(db => db.Outbox.AnyAsync(o => o.Operation == OutboxOperations.NotifyRequester && o.Purpose.StartsWith("tell requester") && o.Status == OutboxStatus.Sent));
        var row = await s.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Operation == OutboxOperations.NotifyRequester && o.Purpose.StartsWith("tell requester")));
        Assert.Equal(2, row.Attempts);
        Assert.Single(s.Channel.Calls, c => c.Text?.Contains("was **approved**", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Notification_NotInRoster403_IsMarkedFailedAuditedAndShownToApprovers()
    {
        await using var s = await DecidedAsync(new ScriptedFault("POST", "/v3/conversations", 403, "BotNotInConversationRoster"));
        await s.WaitUntilAsync(db => db.Outbox.AnyAsync(o => o.Operation == OutboxOperations.NotifyRequester && o.Purpose.StartsWith("tell requester") && o.Status == OutboxStatus.Failed));
        await s.WaitUntilAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "delivery-failed"));
        await s.Channel.WaitForAsync(c => c.Method == "PUT" && c.Card!.ToJsonString().Contains("could not be told", StringComparison.Ordinal));
        Assert.DoesNotContain(s.Channel.Calls, c => c.Text?.Contains("was **approved**", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Notification_ConnectorHangsPastTheTimeout_IsNotResentAndIsMarkedForAttention()
    {
        await using var s = await DecidedAsync(new ScriptedFault("POST", "/v3/conversations", 201, Delay: TimeSpan.FromSeconds(3)));
        await s.WaitUntilAsync(db => db.Outbox.AnyAsync(o => o.Operation == OutboxOperations.NotifyRequester && o.Purpose.StartsWith("tell requester") && o.Status == OutboxStatus.Unknown));
        Assert.Equal(1, s.Channel.Calls.Count(c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal) && c.Body?["isGroup"]?.GetValue<bool>() == false));
        await s.WaitUntilAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "delivery-unknown")); // recorded right after the status
    }

    [Fact]
    public async Task HostStoppedBetweenEnqueueAndSend_NextHostSendsItOnce()
    {
        await RestartedAsync((_, _) => Task.CompletedTask, async (second, channel) =>
        {
            await WaitForCardRowAsync(second, OutboxStatus.Sent);
            Assert.Single(channel.Calls, c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal));
        });
    }

    /// <summary>
    /// An instance claimed the approval card's row and died. Killed before its POST left (no start recorded): the next
    /// instance posts the card, once. Killed after the POST started: the card may be in Teams, so it is not posted again
    /// but ended "unknown" (and reported).
    /// </summary>
    [Theory]
    [InlineData(false, OutboxStatus.Sent, 1)]
    [InlineData(true, OutboxStatus.Unknown, 0)]
    public async Task InstanceDiedHoldingTheCardsLease_SentAgainOnlyIfItsPostHadNotStarted(bool postStarted, string expected, int posts)
    {
        await RestartedAsync(
            async (first, _) =>
            {
                // What the dead instance left: its claim (an expired lease), and a start mark only if its POST had begun.
                await using var scope = first.Services.CreateAsyncScope();
                var ctx = scope.ServiceProvider.GetRequiredService<InfoSharing.Bot.Storage.BotDbContext>();
                var expired = DateTime.UtcNow.AddSeconds(-5);
                DateTime? started = postStarted ? expired.AddSeconds(-1) : null;
                Assert.Equal(1, await ctx.Outbox.Where(o => o.Operation == OutboxOperations.PostApprovalCard).ExecuteUpdateAsync(u => u
                    .SetProperty(o => o.LockedUntil, expired).SetProperty(o => o.LockOwner, "dead-instance")
                    .SetProperty(o => o.Attempts, 1).SetProperty(o => o.SendStartedAt, started)));
            },
            async (second, channel) =>
            {
                var row = await WaitForCardRowAsync(second, expected);
                Assert.Equal(posts, channel.Calls.Count(c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal)
                                                             && c.Body?.ToJsonString().Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal) == true));
                if (postStarted)
                {
                    Assert.Contains("interrupted while sending", row.LastError, StringComparison.Ordinal);
                    // not silent: the approvers' channel is told, with the way to post it again
                    await channel.WaitForAsync(c => (c.Text ?? c.Body?["activity"]?["text"]?.GetValue<string>())?.Contains("repost", StringComparison.Ordinal) == true);
                }
                else
                {
                    Assert.NotNull(row.SendStartedAt); // this attempt recorded its start before its POST
                }
            });
    }

    /// <summary>
    /// A first host (outbox off) registers the approvers' channel and seeds a request whose card is queued; then
    /// <paramref name="beforeRestart"/>; then a second host on the same database starts with the outbox on.
    /// </summary>
    private static async Task RestartedAsync(Func<BotHost, RecordingChannel, Task> beforeRestart, Func<BotHost, RecordingChannel, Task> afterRestart)
    {
        var channel = new RecordingChannel();
        await channel.StartAsync();
        var db = Path.Combine(Path.GetTempPath(), $"infosharing-restart-{Guid.NewGuid():N}.db");
        try
        {
            var settings = new Dictionary<string, string?> { ["Storage:SqlitePath"] = db, ["Outbox:Enabled"] = "false" };
            await using (var first = new BotHost(settings))
            {
                (await first.PostAsync(Activities.Channel(channel.ServiceUrl, "message", "register approvers", "29:a", ApprovalScenario.ApproverAad))).EnsureSuccessStatusCode();
                await channel.WaitForAsync(c => c.Text?.Contains("approvers' channel", StringComparison.Ordinal) == true);
                await ApprovalScenario.SeedAsync(first, Guid.CreateVersion7());
                await beforeRestart(first, channel);
            }

            Assert.DoesNotContain(channel.Calls, c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal));
            settings["Outbox:Enabled"] = "true";
            await using var second = new BotHost(settings);
            _ = second.Services; // start the host: the outbox resumes
            await afterRestart(second, channel);
        }
        finally
        {
            await channel.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(db);
        }
    }

    /// <summary>The approval card's outbox row, once it has left pending with the expected status.</summary>
    private static async Task<InfoSharing.Bot.Storage.OutboxMessageRow> WaitForCardRowAsync(BotHost host, string status)
    {
        InfoSharing.Bot.Storage.OutboxMessageRow? row = null;
        await WaitAsync(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            row = await scope.ServiceProvider.GetRequiredService<InfoSharing.Bot.Storage.BotDbContext>().Outbox.AsNoTracking()
                .FirstOrDefaultAsync(o => o.Operation == OutboxOperations.PostApprovalCard && o.Status != OutboxStatus.Pending);
            return row is not null;
        });
        Assert.Equal(status, row!.Status);
        return row;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("condition not reached");
    }
}
