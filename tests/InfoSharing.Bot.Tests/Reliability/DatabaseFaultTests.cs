using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Tests.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>The database briefly unavailable: a turn waits or answers 503 (never 500), and its redelivery runs it once.</summary>
[Collection(ReliabilityPostgresCollection.Name)]
public sealed class DatabaseFaultTests(ReliabilityPostgres postgres)
{
    [Fact]
    public async Task Sqlite_FileLockedByAnotherConnectionForAMoment_TurnWaitsAndCompletesOnce()
    {
        await using var h = await ReliabilityHarness.StartAsync();
        await h.Host.PostAsync(h.Text(1, "new request"));
        var submit = h.AnswerLatestCard(1);
        var before = await h.StateAsync(1);

        await using var locker = new SqliteConnection($"Data Source={h.SqlitePath};Pooling=False");
        await locker.OpenAsync();
        await using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();
        }

        var turn = h.Host.PostAsync(submit);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(turn.IsCompleted, "the turn should be waiting for the lock");
        await using (var commit = locker.CreateCommand())
        {
            commit.CommandText = "COMMIT;";
            await commit.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await turn).StatusCode);
        Assert.Equal(before!.Revision + 1, (await h.StateAsync(1))!.Revision);
        Assert.Equal(InfoSharing.Bot.Dialog.DialogStep.About, ReliabilityHarness.StepOf(h.AnswerLatestCard(1)));
    }

    [Fact]
    public async Task Postgres_StoppedAndRestarted_TurnsAnswer503ThenTheRedeliveryRunsOnce_AndTheOutboxResumes()
    {
        Assert.SkipWhen(postgres.Server.SkipReason is not null, postgres.Server.SkipReason ?? "");
        await using var h = await ReliabilityHarness.StartAsync(settings: await postgres.DatabaseSettingsAsync());
        await h.SubmitRequestAsync(1, "DB-100001");
        var card = await h.ApprovalCardAsync("DB-100001");
        await h.Host.PostAsync(h.Text(2, "new request"));
        var submit = h.AnswerLatestCard(2);
        var before = await h.StateAsync(2);

        await postgres.Server.StopAsync();
        HttpResponseMessage during;
        string click;
        try
        {
            during = await h.Host.PostAsync(submit);
            click = await (await h.Host.PostAsync(h.Approve(card))).Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await h.Host.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        }
        finally
        {
            await postgres.Server.StartAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode); // not 500: Teams may redeliver
        Assert.Equal(TimeSpan.FromSeconds(1), during.Headers.RetryAfter?.Delta); // an explicit back-pressure answer
        Assert.Contains("\"statusCode\":503", click, StringComparison.Ordinal);

        // Teams' redelivery of the same activity, until the bot answers (pooled connections die first).
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 20 && statuses.LastOrDefault() != HttpStatusCode.OK; attempt++)
        {
            statuses.Add((await h.Host.PostAsync(submit)).StatusCode);
            if (statuses[^1] != HttpStatusCode.OK)
            {
                await Task.Delay(300);
            }
        }

        Assert.Equal(HttpStatusCode.OK, statuses[^1]);
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
        Assert.Equal(before!.Revision + 1, (await h.StateAsync(2))!.Revision);

        // The approver clicks again (a new activity): decided once, and the outbox, which kept polling, sends the notice.
        string again;
        var attempts = 0;
        do
        {
            again = await (await h.Host.PostAsync(h.Approve(card))).Content.ReadAsStringAsync();
            attempts++;
        }
        while (again.Contains("\"statusCode\":503", StringComparison.Ordinal) && attempts < 20 && await Delay());
        Assert.Contains("application/vnd.microsoft.card.adaptive", again, StringComparison.Ordinal);
        await h.UntilAsync(db => db.Outbox.AnyAsync(o => o.Operation == OutboxOperations.NotifyRequester && o.Purpose.StartsWith("tell requester") && o.Status == OutboxStatus.Sent), 30);
        Assert.Equal(1, await h.QueryAsync(db => db.ApprovalActions.CountAsync(a => a.Action == "approve")));
        Assert.Empty(h.Teams.Duplicates());
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(300);
        return true;
    }
}
