using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Approvals;

/// <summary>The approval card's invoke contract and the server's rules, through the real pipeline.</summary>
public sealed class ApprovalInvokeTests : IAsyncLifetime
{
    private ApprovalScenario _s = null!;

    public async ValueTask InitializeAsync() => _s = await ApprovalScenario.StartAsync();

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private Task<string> StatusAsync() => _s.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Id == _s.RequestId).Select(r => r.Status).FirstAsync());

    [Fact]
    public async Task Approve_ByApprover_ReturnsDecidedCardPutsItForEveryoneAndTellsThePractitioner()
    {
        var body = await BodyAsync(await _s.ClickAsync("29:approver", ApprovalScenario.ApproverAad, "approve", new JsonObject { ["conditions"] = "Share only the referral form" }));

        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("Approved by 29:approver", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(body["value"]!["actions"]);
        Assert.Equal(RequestStatus.Approved, await StatusAsync());

        var put = await _s.Channel.WaitForAsync(c => c.Method == "PUT");
        Assert.Equal($"/v3/conversations/{_s.ThreadId}/activities/{_s.CardActivityId}", put.Path);
        Assert.Equal(_s.CardActivityId, put.Body!["id"]!.GetValue<string>());
        Assert.Contains("Approved by", put.Card!.ToJsonString(), StringComparison.Ordinal);

        var created = await _s.Channel.WaitForAsync(c => c.Method == "POST" && c.Body?["isGroup"]?.GetValue<bool>() == false);
        Assert.Equal("29:practitioner", created.Body!["members"]![0]!["id"]!.GetValue<string>());
        var told = await _s.Channel.WaitForAsync(c => c.Text?.Contains("approved", StringComparison.Ordinal) == true);
        Assert.Contains("Share only the referral form", told.Text, StringComparison.Ordinal);
        Assert.True(told.Body!["channelData"]!["notification"]!["alert"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Decline_ReasonTooShort_ReshowsCardWithInlineErrorAndChangesNothing()
    {
        var body = await BodyAsync(await _s.ClickAsync("29:approver", ApprovalScenario.ApproverAad, "decline",
            new JsonObject { ["declineReasonCode"] = "not-necessary", ["declineReason"] = "too short" }));

        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        var card = body["value"]!.ToJsonString();
        Assert.Contains("at least 30 characters", card, StringComparison.Ordinal);
        Assert.Contains("too short", card, StringComparison.Ordinal); // the value is kept
        Assert.Equal(RequestStatus.Pending, await StatusAsync());
    }

    [Fact]
    public async Task Decline_WithCodeAndReason_DeclinesAndTellsThePractitionerTheReason()
    {
        var body = await BodyAsync(await _s.ClickAsync("29:approver", ApprovalScenario.ApproverAad, "decline", new JsonObject
        {
            ["declineReasonCode"] = "not-proportionate",
            ["declineReason"] = "The whole file is not needed; share the referral summary only.",
        }));

        Assert.Contains("Declined by", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Declined, await StatusAsync());
        var told = await _s.Channel.WaitForAsync(c => c.Text?.Contains("declined", StringComparison.Ordinal) == true);
        Assert.Contains("referral summary only", told.Text, StringComparison.Ordinal);
        // The shared card shows the reason code's title, never the free-text reason.
        var put = await _s.Channel.WaitForAsync(c => c.Method == "PUT");
        Assert.DoesNotContain("referral summary only", put.Card!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreInfo_WithQuestion_ReturnsRequestToPractitionerWithAnAnswerCard()
    {
        await BodyAsync(await _s.ClickAsync("29:approver", ApprovalScenario.ApproverAad, "moreInfo",
            new JsonObject { ["question"] = "Which agency asked for this and when?" }));

        Assert.Equal(RequestStatus.MoreInfoRequested, await StatusAsync());
        var asked = await _s.Channel.WaitForAsync(c => c.Card?.ToJsonString().Contains("Which agency asked", StringComparison.Ordinal) == true);
        Assert.Contains("answerMoreInfo", asked.Card!.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>Issue 12: the practitioner's answer is checked for identifiers like every free text they write.</summary>
    [Fact]
    public async Task MoreInfo_AnswerThatLooksIdentifying_IsRefusedUntilConfirmed_ThenRecordedWithTheCheck()
    {
        await BodyAsync(await _s.ClickAsync("29:approver", ApprovalScenario.ApproverAad, "moreInfo",
            new JsonObject { ["question"] = "Who else was at the meeting?" }));
        await _s.Channel.WaitForAsync(c => c.Card?.ToJsonString().Contains("Who else was at the meeting", StringComparison.Ordinal) == true);
        var answer = "Mrs Jones from the school attended on 12/03/2026 as well.";
        JsonObject Answer(bool confirmed) => Activities.Personal(_s.Channel.ServiceUrl, aad: ApprovalScenario.PractitionerAad, value: new JsonObject
        {
            ["action"] = "answerMoreInfo", ["requestId"] = _s.RequestId.ToString(), ["answer"] = answer,
            ["answerNoIdentifiers"] = confirmed ? "true" : "false",
        });

        (await _s.Host.PostAsync(Answer(confirmed: false))).EnsureSuccessStatusCode();
        var refused = await _s.Channel.WaitForAsync(c => c.Card?.ToJsonString().Contains("looks like it contains", StringComparison.Ordinal) == true);
        Assert.Contains("answerNoIdentifiers", refused.Card!.ToJsonString(), StringComparison.Ordinal); // the way to confirm
        Assert.Equal(RequestStatus.MoreInfoRequested, await StatusAsync());

        (await _s.Host.PostAsync(Answer(confirmed: true))).EnsureSuccessStatusCode();
        await _s.WaitUntilAsync(db => db.Requests.AnyAsync(r => r.Id == _s.RequestId && r.Status == RequestStatus.Pending));
        var entry = await _s.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "more-info-answered"));
        Assert.Contains("\"identifierConfirmed\":true", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Jones", entry.Details, StringComparison.Ordinal); // the kinds flagged, never the text
    }

    [Fact]
    public async Task Details_ByApprover_ShowsFreeTextAndIsAudited()
    {
        var body = await BodyAsync(await _s.ClickAsync("29:approver", ApprovalScenario.ApproverAad, "details"));

        Assert.Contains("FREE-TEXT-ONLY-IN-DETAIL", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(await _s.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "detail-view-opened" && e.Actor == ApprovalScenario.ApproverAad)));
        Assert.False(await _s.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "detail-view-automatic")));
    }

    [Theory]
    [InlineData("29:outsider", ApprovalScenario.OutsiderAad, "Only approvers")]
    [InlineData("29:practitioner", ApprovalScenario.PractitionerAad, "You made this request")]
    public async Task Approve_ForgedByNonApproverOrRequester_IsRefusedAuditedAndChangesNothing(string userId, string aad, string why)
    {
        var body = await BodyAsync(await _s.ClickAsync(userId, aad, "approve"));

        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Contains(why, body["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Pending, await StatusAsync());
        Assert.True(await _s.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "refused-action" && e.Actor == aad)));
        Assert.False(await _s.QueryAsync(db => db.ApprovalActions.AnyAsync(a => a.Action == "approve")));
        Assert.DoesNotContain(_s.Channel.Calls, c => c.Method == "PUT");
    }

    [Fact]
    public async Task Details_ByOutsider_IsRefused()
    {
        var body = await BodyAsync(await _s.ClickAsync("29:outsider", ApprovalScenario.OutsiderAad, "details"));
        Assert.DoesNotContain("FREE-TEXT-ONLY-IN-DETAIL", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_Automatic_GivesApproversTheDetailViewAndOthersTheSharedCard()
    {
        var approver = Activities.Invoke(_s.Channel.ServiceUrl, "29:approver", ApprovalScenario.ApproverAad, _s.ThreadId, _s.CardActivityId, "refresh",
            new JsonObject { ["requestId"] = _s.RequestId.ToString() });
        approver["value"]!["trigger"] = "automatic";
        Assert.Contains("FREE-TEXT-ONLY-IN-DETAIL", (await BodyAsync(await _s.Host.PostAsync(approver))).ToJsonString(), StringComparison.Ordinal);
        // the audit tells the view Teams showed on its own apart from one the approver opened
        Assert.Equal(1, await _s.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "detail-view-automatic" && e.Actor == ApprovalScenario.ApproverAad)));
        Assert.False(await _s.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "detail-view-opened")));

        var outsider = Activities.Invoke(_s.Channel.ServiceUrl, "29:outsider", ApprovalScenario.OutsiderAad, _s.ThreadId, _s.CardActivityId, "refresh",
            new JsonObject { ["requestId"] = _s.RequestId.ToString() });
        outsider["value"]!["trigger"] = "automatic";
        var shared = await BodyAsync(await _s.Host.PostAsync(outsider));
        Assert.DoesNotContain("FREE-TEXT-ONLY-IN-DETAIL", shared.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("ISR-2026-0001", shared.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conflict_Declared_ThatApproverCannotThenDecide()
    {
        await BodyAsync(await _s.ClickAsync("29:approver", ApprovalScenario.ApproverAad, "conflict", new JsonObject { ["conflictNote"] = "I know the family" }));
        var body = await BodyAsync(await _s.ClickAsync("29:approver", ApprovalScenario.ApproverAad, "approve"));

        Assert.Contains("conflict", body["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Pending, await StatusAsync());
    }

    [Fact]
    public async Task TwoApproversAtOnce_GiveOneDecisionOneUpdateOneNotification()
    {
        using var barrier = new Barrier(2);
        var clicks = await Task.WhenAll(
            Task.Run(async () => { barrier.SignalAndWait(); return await BodyAsync(await _s.ClickAsync("29:approver", ApprovalScenario.ApproverAad, "approve")); }),
            Task.Run(async () => { barrier.SignalAndWait(); return await BodyAsync(await _s.ClickAsync("29:second", ApprovalScenario.SecondApproverAad, "decline", new JsonObject
            {
                ["declineReasonCode"] = "other",
                ["declineReason"] = "Deciding at the very same moment as the other approver.",
            })); }));

        Assert.Equal(1, await _s.QueryAsync(db => db.ApprovalActions.CountAsync(a => a.Action == "approve" || a.Action == "decline")));
        Assert.Single(clicks, c => c.ToJsonString().Contains("Already", StringComparison.Ordinal));
        await _s.Channel.WaitForAsync(c => c.Method == "PUT");
        await _s.Channel.WaitForAsync(c => c.Text?.Contains("was **", StringComparison.Ordinal) == true);
        await Task.Delay(500); // let any wrongly duplicated send show up
        Assert.Single(_s.Channel.Calls, c => c.Method == "PUT");
        Assert.Single(_s.Channel.Calls, c => c.Text?.Contains("was **", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task SameInvokeDeliveredTwice_ReturnsTheSameBodyAndDecidesOnce()
    {
        var invoke = Activities.Invoke(_s.Channel.ServiceUrl, "29:approver", ApprovalScenario.ApproverAad, _s.ThreadId, _s.CardActivityId, "approve",
            new JsonObject { ["requestId"] = _s.RequestId.ToString() });
        var first = await (await _s.Host.PostAsync(invoke)).Content.ReadAsStringAsync();
        var second = await (await _s.Host.PostAsync(invoke)).Content.ReadAsStringAsync();

        Assert.Equal(first, second);
        Assert.Equal(1, await _s.QueryAsync(db => db.ApprovalActions.CountAsync(a => a.Action == "approve")));
    }

    [Fact]
    public async Task ClickOnDecidedCard_TellsWhoDecidedAndWhen()
    {
        await BodyAsync(await _s.ClickAsync("29:approver", ApprovalScenario.ApproverAad, "approve"));
        var late = await BodyAsync(await _s.ClickAsync("29:second", ApprovalScenario.SecondApproverAad, "approve"));

        Assert.Contains("Already approved by 29:approver on", late["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(1, await _s.QueryAsync(db => db.ApprovalActions.CountAsync(a => a.Action == "approve")));
    }
}

public sealed class DpoRoutingTests : IAsyncLifetime
{
    private ApprovalScenario _s = null!;

    public async ValueTask InitializeAsync() => _s = await ApprovalScenario.StartAsync(requiresDpo: true);

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Approve_RequestNeedingTheDpo_OnlyTheDpoCanDecide()
    {
        var byApprover = JsonNode.Parse(await (await _s.ClickAsync("29:approver", ApprovalScenario.ApproverAad, "approve")).Content.ReadAsStringAsync())!;
        Assert.Contains("Data Protection Officer", byApprover["value"]!.GetValue<string>(), StringComparison.Ordinal);

        var byDpo = JsonNode.Parse(await (await _s.ClickAsync("29:dpo", ApprovalScenario.DpoAad, "approve")).Content.ReadAsStringAsync())!;
        Assert.Contains("Approved by 29:dpo", byDpo["value"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
