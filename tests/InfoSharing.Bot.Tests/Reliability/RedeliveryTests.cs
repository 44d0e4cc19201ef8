using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.LoadTest;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>
/// Teams re-posts an activity with the same id when it got no answer in ~15 s (protocol.md §1.3–1.4). A redelivery is
/// answered as the first delivery was (an invoke with the same body) and never acts twice, on any instance.
/// </summary>
public sealed class RedeliveryTests
{
    [Fact]
    public async Task DialogSubmit_RedeliveredWithTheSameId_AdvancesOnceAndRepliesOnce()
    {
        await using var h = await ReliabilityHarness.StartAsync();
        await h.Host.PostAsync(h.Text(1, "new request"));
        var submit = h.AnswerLatestCard(1);
        Assert.Equal(DialogStep.Urgency, ReliabilityHarness.StepOf(submit));

        Assert.Equal(HttpStatusCode.OK, (await h.Host.PostAsync(submit)).StatusCode);
        var state = await h.StateAsync(1);
        var replies = h.Teams.MessageCountIn(ReliabilityHarness.Conversation(1));

        Assert.Equal(HttpStatusCode.OK, (await h.Host.PostAsync(submit)).StatusCode); // the redelivery

        var after = await h.StateAsync(1);
        Assert.Equal(state!.Revision, after!.Revision);
        Assert.Equal(state.StateJson, after.StateJson);
        Assert.Equal(replies, h.Teams.MessageCountIn(ReliabilityHarness.Conversation(1)));
        Assert.Empty(h.Teams.Duplicates());
    }

    [Fact]
    public async Task TypedBack_Redelivered_GoesBackOneStepOnly()
    {
        await using var h = await ReliabilityHarness.StartAsync();
        await h.Host.PostAsync(h.Text(1, "new request"));
        await h.Host.PostAsync(h.AnswerLatestCard(1)); // urgency → about
        await h.Host.PostAsync(h.AnswerLatestCard(1)); // about → what
        var before = await h.StateAsync(1);
        var back = h.Text(1, "back");

        await h.Host.PostAsync(back);
        await h.Host.PostAsync(back);

        Assert.Equal(DialogStep.About, ReliabilityHarness.StepOf(h.AnswerLatestCard(1)));
        Assert.Equal(before!.Revision + 1, (await h.StateAsync(1))!.Revision);
    }

    [Fact]
    public async Task ReviewSubmit_Redelivered_StoresOneRequestAndPostsOneCard()
    {
        await using var h = await ReliabilityHarness.StartAsync();
        await h.Host.PostAsync(h.Text(1, "new request"));
        JsonObject submit;
        do
        {
            submit = h.AnswerLatestCard(1, "RD-100001");
            if (ReliabilityHarness.StepOf(submit) != DialogStep.Review)
            {
                await h.Host.PostAsync(submit);
            }
        }
        while (ReliabilityHarness.StepOf(submit) != DialogStep.Review);

        await Task.WhenAll(h.Host.PostAsync(submit), h.Host.PostAsync(submit), h.Host.PostAsync(submit)); // concurrent duplicates
        Assert.Equal(HttpStatusCode.OK, (await h.Host.PostAsync(submit)).StatusCode);

        await h.ApprovalCardAsync("RD-100001");
        Assert.Equal(1, await h.QueryAsync(db => db.Requests.CountAsync(r => r.CaseReference == "RD-100001")));
        var reference = Assert.Single(h.Teams.MessagesIn(ReliabilityHarness.Conversation(1)), m => m["text"]?.GetValue<string>().Contains("Submitted as", StringComparison.Ordinal) == true);
        Assert.Equal(submit["id"]!.GetValue<string>(), reference["replyToId"]?.GetValue<string>()); // held, sent by the outbox, still the submit's reply
        Assert.Single(h.Teams.ApprovalCards);
        Assert.Empty(h.Teams.Duplicates());
    }

    [Fact]
    public async Task ApprovalInvoke_Redelivered_ReturnsTheSameBodyAndDecidesOnce()
    {
        await using var h = await ReliabilityHarness.StartAsync();
        await h.SubmitRequestAsync(1, "RD-200001");
        var card = await h.ApprovalCardAsync("RD-200001");
        var invoke = h.Approve(card);

        var first = await (await h.Host.PostAsync(invoke)).Content.ReadAsStringAsync();
        var second = await (await h.Host.PostAsync(invoke)).Content.ReadAsStringAsync();

        Assert.Contains("application/vnd.microsoft.card.adaptive", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        await h.UntilAsync(db => db.Outbox.AnyAsync(o => o.Operation == "notifyRequester" && o.Purpose.StartsWith("tell requester") && o.Status == "sent"));
        Assert.Equal(1, await h.QueryAsync(db => db.ApprovalActions.CountAsync(a => a.Action == ApprovalVerbs.Approve)));
        // one decision notice (the outcome-record request that follows an approval is a second, different message)
        Assert.Equal(1, await h.QueryAsync(db => db.Outbox.CountAsync(o => o.Operation == "notifyRequester" && o.Purpose.StartsWith("tell requester"))));
        Assert.Equal(1, await h.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == ApprovalVerbs.Approve)));
        Assert.Empty(h.Teams.Duplicates());
    }

    [Fact]
    public async Task Redelivery_ToASecondInstanceOnTheSameDatabase_IsRecognised()
    {
        await using var h = await ReliabilityHarness.StartAsync(instances: 2);
        await h.Hosts[0].PostAsync(h.Text(1, "new request"));
        var submit = h.AnswerLatestCard(1);
        await h.Hosts[0].PostAsync(submit);
        var state = await h.StateAsync(1);

        Assert.Equal(HttpStatusCode.OK, (await h.Hosts[1].PostAsync(submit)).StatusCode);

        Assert.Equal(state!.Revision, (await h.StateAsync(1))!.Revision);
        await h.SubmitRequestAsync(2, "RD-300001", alternateHosts: true);
        var invoke = h.Approve(await h.ApprovalCardAsync("RD-300001"));
        var first = await (await h.Hosts[1].PostAsync(invoke)).Content.ReadAsStringAsync();
        var second = await (await h.Hosts[0].PostAsync(invoke)).Content.ReadAsStringAsync();
        Assert.Equal(first, second);
        Assert.Equal(1, await h.QueryAsync(db => db.ApprovalActions.CountAsync(a => a.Action == ApprovalVerbs.Approve)));
    }

    [Fact]
    public async Task ConcurrentDeliveries_OfEachStep_ToTwoInstances_AdvanceOnceAndReplyOnce()
    {
        // The claim is written at the turn's point of no return, so two deliveries of one activity may both run the dialog
        // step; only one may commit it, and the other answers as that one did, sending nothing.
        await using var h = await ReliabilityHarness.StartAsync(instances: 2);
        await h.Hosts[0].PostAsync(h.Text(1, "new request"));
        for (var round = 0; round < 4; round++)
        {
            var answer = h.AnswerLatestCard(1);
            var before = await h.StateAsync(1);
            var replies = h.Teams.MessageCountIn(ReliabilityHarness.Conversation(1));

            var statuses = await Task.WhenAll(h.Hosts[0].PostAsync(answer), h.Hosts[1].PostAsync(answer), h.Hosts[0].PostAsync(answer));

            Assert.All(statuses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.Equal(before!.Revision + 1, (await h.StateAsync(1))!.Revision);
            Assert.Equal(replies + 1, h.Teams.MessageCountIn(ReliabilityHarness.Conversation(1)));
        }

        Assert.Empty(h.Teams.Duplicates());
    }

    [Fact]
    public async Task InFlightClaim_FreshDuplicateGets503_StaleOneFromADeadInstanceIsTakenOverAndRun()
    {
        await using var h = await ReliabilityHarness.StartAsync();
        await h.Host.PostAsync(h.Text(1, "new request"));
        var submit = h.AnswerLatestCard(1);
        var key = ActivityDeduplicator.KeyFor("msteams", ReliabilityHarness.Conversation(1), submit["id"]!.GetValue<string>());
        var before = await h.StateAsync(1);
        await h.QueryAsync(async db =>
        {
            // What an instance of an earlier version, which wrote its claim before the turn, left when killed mid-turn.
            // (This version writes nothing before the turn's point of no return, so a killed turn leaves no row.)
            var now = DateTime.UtcNow;
            db.ProcessedActivities.Add(new ProcessedActivityRow { Key = key, ReceivedAt = now, ExpiresAt = now.AddMinutes(30) });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await h.Host.PostAsync(submit)).StatusCode); // not done yet: retry later
        Assert.Equal(before!.Revision, (await h.StateAsync(1))!.Revision);

        await h.QueryAsync(db => db.ProcessedActivities.Where(p => p.Key == key).ExecuteUpdateAsync(s => s.SetProperty(p => p.ReceivedAt, DateTime.UtcNow.AddMinutes(-1))));
        Assert.Equal(HttpStatusCode.OK, (await h.Host.PostAsync(submit)).StatusCode);

        Assert.Equal(before.Revision + 1, (await h.StateAsync(1))!.Revision);
        Assert.Equal(DialogStep.About, ReliabilityHarness.StepOf(h.AnswerLatestCard(1)));
        Assert.True(await h.QueryAsync(db => db.ProcessedActivities.AnyAsync(p => p.Key == key && p.Completed)));
    }

    [Fact]
    public async Task ReplyFailsAfterTheStateWasSaved_AnsweredAsDone_RedeliveryDoesNotRunItAgain()
    {
        await using var h = await ReliabilityHarness.StartAsync();
        await h.Host.PostAsync(h.Text(1, "new request"));
        await h.Host.PostAsync(h.AnswerLatestCard(1));
        await h.Host.PostAsync(h.AnswerLatestCard(1));
        var before = await h.StateAsync(1);
        h.Teams.ScriptFault("POST", ReliabilityHarness.Conversation(1), FaultKind.InternalError);
        var back = h.Text(1, "back");

        Assert.Equal(HttpStatusCode.OK, (await h.Host.PostAsync(back)).StatusCode); // the state moved: the turn is done
        Assert.Equal(HttpStatusCode.OK, (await h.Host.PostAsync(back)).StatusCode); // Teams' redelivery

        Assert.Equal(before!.Revision + 1, (await h.StateAsync(1))!.Revision);
        Assert.Equal(1, h.Teams.Faults[FaultKind.InternalError]);
        Assert.True(await h.QueryAsync(db => db.ProcessedActivities.AnyAsync(p => p.Key.EndsWith(back["id"]!.GetValue<string>()) && p.Completed)));

        // The practitioner, who saw no answer, asks again and is shown where they are (one step back).
        await h.Host.PostAsync(h.Text(1, "new request"));
        Assert.Equal(DialogStep.About, ReliabilityHarness.StepOf(h.AnswerLatestCard(1)));
    }
}
