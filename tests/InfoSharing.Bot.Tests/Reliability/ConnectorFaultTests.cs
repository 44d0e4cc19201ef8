using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.LoadTest;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>
/// Every connector fault on the three sends of an approval (card post, card update, practitioner's notice), through the
/// real pipeline: nothing the connector accepted is sent twice, what can be retried is delivered once, what cannot ends
/// 'unknown' or 'failed', audited and shown on the card. The decision itself is made once whatever the connector does.
/// </summary>
public sealed class ConnectorFaultTests
{
    public static TheoryData<FaultKind, string> NoticeFaults => new()
    {
        { FaultKind.ThrottledWithRetryAfter, OutboxStatus.Sent },
        { FaultKind.Throttled, OutboxStatus.Sent },
        { FaultKind.InternalError, OutboxStatus.Sent },
        { FaultKind.BadGateway, OutboxStatus.Sent },
        { FaultKind.Unavailable, OutboxStatus.Sent },
        { FaultKind.GatewayTimeout, OutboxStatus.Sent },
        { FaultKind.AcceptedThenHang, OutboxStatus.Unknown },
        { FaultKind.Reset, OutboxStatus.Unknown },
        { FaultKind.NotInRoster, OutboxStatus.Failed },
        { FaultKind.NotFound, OutboxStatus.Failed },
    };

    [Theory]
    [InlineData(FaultKind.GatewayTimeout)]
    [InlineData(FaultKind.AcceptedThenHang)]
    public async Task MessageWithoutAnId_ReplyFaultAfterTheReplyStarted_AnsweredDoneNot503(FaultKind fault)
    {
        // An activity with "id": null cannot be recognised when redelivered; once its reply started leaving, a failure is
        // answered as done (a 503 would ask the sender to run it, and send the reply, again).
        await using var h = await ReliabilityHarness.StartAsync();
        h.Teams.ScriptFault("POST", ReliabilityHarness.Conversation(7) + "/activities", fault);
        var help = h.Text(7, "help");
        help["id"] = null;

        var response = await h.Host.PostAsync(help);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, h.Teams.Faults[fault]);
    }

    [Theory]
    [MemberData(nameof(NoticeFaults))]
    public async Task PractitionerNotice_ConnectorFault_EndsAsExpectedAndIsNeverAcceptedTwice(FaultKind fault, string expected)
    {
        await using var h = await ReliabilityHarness.StartAsync();
        await h.SubmitRequestAsync(1, "CF-100001");
        var card = await h.ApprovalCardAsync("CF-100001");
        h.Teams.ScriptFault("POST", ReliabilityHarness.Conversation(1) + "/activities", fault);

        var response = await h.Host.PostAsync(h.Approve(card));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("application/vnd.microsoft.card.adaptive", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await h.UntilAsync(db => db.Outbox.AnyAsync(o => o.Operation == OutboxOperations.NotifyRequester && o.Purpose.StartsWith("tell requester") && o.Status != OutboxStatus.Pending));
        var notice = await h.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Operation == OutboxOperations.NotifyRequester && o.Purpose.StartsWith("tell requester")));
        Assert.Equal(expected, notice.Status);
        Assert.Equal(1, h.Teams.Faults[fault]);
        var accepted = h.Teams.MessagesIn(ReliabilityHarness.Conversation(1)).Count(m => m["text"]?.GetValue<string>().Contains("was **approved**", StringComparison.Ordinal) == true);
        Assert.Equal(fault is FaultKind.AcceptedThenHang || expected == OutboxStatus.Sent ? 1 : 0, accepted);
        Assert.Empty(h.Teams.Duplicates());
        Assert.Equal(1, await h.QueryAsync(db => db.ApprovalActions.CountAsync(a => a.Action == "approve")));
        if (expected != OutboxStatus.Sent)
        {
            // Audited, and shown to the approvers on the card (a PUT with the problem).
            await h.UntilAsync(db => db.AuditEntries.AnyAsync(e => e.Action == (expected == OutboxStatus.Unknown ? "delivery-unknown" : "delivery-failed")));
            Assert.NotNull(await h.QueryAsync(db => db.Requests.Select(r => r.DeliveryProblem).SingleAsync()));
            await ReliabilityHarness.WaitForAsync(() => Task.FromResult(h.Teams.Accepted.LastOrDefault(m => m.Method == "PUT" && m.Body.ToJsonString().Contains("Delivery problem", StringComparison.OrdinalIgnoreCase)
                                                                                                     || m.Method == "PUT" && m.Body.ToJsonString().Contains("could not be told", StringComparison.Ordinal)
                                                                                                     || m.Method == "PUT" && m.Body.ToJsonString().Contains("may not have been delivered", StringComparison.Ordinal))));
        }
    }

    [Theory]
    [InlineData(FaultKind.InternalError, OutboxStatus.Sent)]
    [InlineData(FaultKind.Throttled, OutboxStatus.Sent)]
    [InlineData(FaultKind.AcceptedThenHang, OutboxStatus.Unknown)]
    [InlineData(FaultKind.Reset, OutboxStatus.Unknown)]
    [InlineData(FaultKind.NotInRoster, OutboxStatus.Failed)]
    public async Task ApprovalCardPost_ConnectorFault_PostedOnceOrMarkedAndAudited(FaultKind fault, string expected)
    {
        await using var h = await ReliabilityHarness.StartAsync();
        h.Teams.ScriptFault("POST", "/v3/conversations$", fault); // the first thread creation: the approval card

        await h.SubmitRequestAsync(1, "CF-200001");

        await h.UntilAsync(db => db.Outbox.AnyAsync(o => o.Operation == OutboxOperations.PostApprovalCard && o.Status != OutboxStatus.Pending));
        var post = await h.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Operation == OutboxOperations.PostApprovalCard));
        Assert.Equal(expected, post.Status);
        Assert.Equal(fault is FaultKind.AcceptedThenHang || expected == OutboxStatus.Sent ? 1 : 0, h.Teams.ApprovalCards.Count);
        Assert.Empty(h.Teams.Duplicates());
        Assert.Equal(1, await h.QueryAsync(db => db.Requests.CountAsync()));
        if (expected != OutboxStatus.Sent)
        {
            await h.UntilAsync(db => db.AuditEntries.AnyAsync(e => e.Action.StartsWith("delivery-")));
            Assert.NotNull(await h.QueryAsync(db => db.Requests.Select(r => r.DeliveryProblem).SingleAsync()));
        }
    }

    /// <summary>
    /// Issue 12: a card the connector refused is never silent. The approvers' channel is told, with the reference and the
    /// way out; an outsider's <c>repost</c> is refused and recorded; an approver's posts the card, once, and clears the problem.
    /// </summary>
    [Fact]
    public async Task ApprovalCardRefused_ChannelIsToldWithTheReference_AnApproversRepostPostsItOnce()
    {
        await using var h = await ReliabilityHarness.StartAsync();
        h.Teams.ScriptFault("POST", "/v3/conversations$", FaultKind.NotInRoster); // the approval card's thread

        await h.SubmitRequestAsync(1, "CF-200009");
        var reference = await h.QueryAsync(db => db.Requests.Select(r => r.Reference).SingleAsync());
        var notice = await ReliabilityHarness.WaitForAsync(() => Task.FromResult(h.Teams.Accepted.FirstOrDefault(m =>
            m.Body.ToJsonString().Contains($"repost {reference}", StringComparison.Ordinal))));
        Assert.Contains("could not be posted", notice.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(h.Teams.ApprovalCards);

        var outsider = h.ChannelMessage($"repost {reference}");
        outsider["from"] = new JsonObject { ["id"] = "29:outsider", ["name"] = "Olly Outsider", ["aadObjectId"] = "aaaaaaaa-9999-4000-8000-000000000009" };
        Assert.Equal(HttpStatusCode.OK, (await h.Host.PostAsync(outsider)).StatusCode);
        await h.UntilAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "refused-action" && e.Details!.Contains("repost")));
        Assert.Empty(h.Teams.ApprovalCards);

        Assert.Equal(HttpStatusCode.OK, (await h.Host.PostAsync(h.ChannelMessage($"repost {reference.ToLowerInvariant()}"))).StatusCode);
        await ReliabilityHarness.WaitForAsync(() => Task.FromResult(h.Teams.ApprovalCards.FirstOrDefault()));
        await h.UntilAsync(db => db.Requests.AnyAsync(r => r.ApprovalActivityId != null && r.DeliveryProblem == null));
        Assert.Equal(1, await h.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "card-reposted")));

        // a second repost once the card is there posts nothing
        Assert.Equal(HttpStatusCode.OK, (await h.Host.PostAsync(h.ChannelMessage($"repost {reference}"))).StatusCode);
        await ReliabilityHarness.WaitForAsync(() => Task.FromResult(h.Teams.Accepted.FirstOrDefault(m =>
            m.Body.ToJsonString().Contains("already in this channel", StringComparison.Ordinal))));
        Assert.Single(h.Teams.ApprovalCards);
    }

    /// <summary>
    /// Issue 12: the card was refused and so was the channel's notice of it (the bot removed from the team, say): the
    /// admins are told in their 1:1 chats, with the reference and the way out, once each; the request keeps its problem.
    /// </summary>
    [Fact]
    public async Task ApprovalCardAndChannelNoticeRefused_TheAdminIsToldOneToOne_Once()
    {
        const string AdminAad = "00000000-0000-4000-8000-000000000002"; // practitioner 2 of the harness is the admin here
        await using var h = await ReliabilityHarness.StartAsync(settings: new Dictionary<string, string?> { ["Approvals:AdminAadObjectIds:0"] = AdminAad });
        Assert.Equal(HttpStatusCode.OK, (await h.Host.PostAsync(h.Text(2, "help"))).StatusCode); // the admin's 1:1 chat is known
        h.Teams.ScriptFault("POST", "/v3/conversations$", FaultKind.NotInRoster); // the approval card's thread
        h.Teams.ScriptFault("POST", "/v3/conversations$", FaultKind.NotInRoster); // the channel's notice that it is not there

        await h.SubmitRequestAsync(1, "CF-200010");
        var reference = await h.QueryAsync(db => db.Requests.Where(r => r.Kind == RecordKinds.Request).Select(r => r.Reference).SingleAsync());
        var told = await ReliabilityHarness.WaitForAsync(() => Task.FromResult(h.Teams.Accepted.FirstOrDefault(m =>
            m.ConversationId == ReliabilityHarness.Conversation(2) && m.Body.ToJsonString().Contains("could not be told either", StringComparison.Ordinal))));

        Assert.Contains($"repost {reference}", told.Body.ToJsonString(), StringComparison.Ordinal);
        await h.UntilAsync(db => db.Outbox.AnyAsync(o => o.Operation == OutboxOperations.NotifyAdmin && o.Status == OutboxStatus.Sent));
        Assert.Empty(h.Teams.ApprovalCards);
        Assert.Equal([OutboxStatus.Failed, OutboxStatus.Failed], await h.QueryAsync(db => db.Outbox
            .Where(o => o.Operation == OutboxOperations.PostApprovalCard || o.Operation == OutboxOperations.ChannelNotice).OrderBy(o => o.CreatedAt).Select(o => o.Status).ToListAsync()));
        Assert.Equal(1, await h.QueryAsync(db => db.Outbox.CountAsync(o => o.Operation == OutboxOperations.NotifyAdmin)));
        Assert.Single(h.Teams.Accepted, m => m.Body.ToJsonString().Contains("could not be told either", StringComparison.Ordinal));
        Assert.NotNull(await h.QueryAsync(db => db.Requests.Where(r => r.Reference == reference).Select(r => r.DeliveryProblem).SingleAsync()));
    }

    [Theory]
    [InlineData(FaultKind.Throttled)]
    [InlineData(FaultKind.GatewayTimeout)]
    [InlineData(FaultKind.AcceptedThenHang)]
    [InlineData(FaultKind.Reset)]
    public async Task CardUpdate_ConnectorFault_IsRetriedUntilTheCardShowsTheDecision(FaultKind fault)
    {
        await using var h = await ReliabilityHarness.StartAsync();
        await h.SubmitRequestAsync(1, "CF-300001");
        var card = await h.ApprovalCardAsync("CF-300001");
        h.Teams.ScriptFault("PUT", "/activities/", fault);

        await h.Host.PostAsync(h.Approve(card));

        // A PUT replaces the card: idempotent, so even an unknown outcome is retried.
        await h.UntilAsync(db => db.Outbox.AnyAsync(o => o.Operation == OutboxOperations.UpdateApprovalCard && o.Status == OutboxStatus.Sent));
        Assert.Contains(h.Teams.Accepted, m => m.Method == "PUT" && m.Body.ToJsonString().Contains("Approved", StringComparison.Ordinal));
        Assert.Empty(h.Teams.Duplicates());
    }

    [Theory]
    [InlineData(FaultKind.ThrottledWithRetryAfter)]
    [InlineData(FaultKind.InternalError)]
    [InlineData(FaultKind.BadGateway)]
    [InlineData(FaultKind.GatewayTimeout)]
    [InlineData(FaultKind.AcceptedThenHang)]
    [InlineData(FaultKind.Reset)]
    [InlineData(FaultKind.NotInRoster)]
    [InlineData(FaultKind.NotFound)]
    public async Task DialogReply_ConnectorFault_TurnIsDoneOnceAndThePractitionerCanCarryOn(FaultKind fault)
    {
        await using var h = await ReliabilityHarness.StartAsync();
        await h.Host.PostAsync(h.Text(1, "new request"));
        var submit = h.AnswerLatestCard(1);
        h.Teams.ScriptFault("POST", ReliabilityHarness.Conversation(1) + "/activities", fault);

        var response = await h.Host.PostAsync(submit);
        var redelivered = await h.Host.PostAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(2, (await h.StateAsync(1))!.Revision); // new draft (1), urgency answered (2): once
        Assert.Empty(h.Teams.Duplicates());
        await h.Host.PostAsync(h.Text(1, "new request")); // a practitioner who saw nothing asks again
        await h.Host.PostAsync(h.AnswerLatestCard(1));
        Assert.Equal(InfoSharing.Bot.Dialog.DialogStep.What, ReliabilityHarness.StepOf(h.AnswerLatestCard(1)));
    }
}
