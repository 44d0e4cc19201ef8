using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Dialog;
using Microsoft.EntityFrameworkCore;
using F = InfoSharing.Bot.Cards.SafeguardingFieldIds;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>After the decision (domain.md §3): the outcome record after approval, and "reconsider" after a decline.</summary>
public sealed class OutcomeJourneyTests : IAsyncLifetime
{
    private SafeguardingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await SafeguardingWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    public static Dictionary<string, string> SharedAsApproved(DateTimeOffset now)
    {
        var (date, time) = SafeguardingForms.UkDateAndTime(now);
        return new Dictionary<string, string>
        {
            [F.Outcome] = "shared-as-approved",
            [F.OutcomeSharedOn] = date,
            [F.OutcomeSharedAt] = time,
            [F.OutcomeSharedBy] = "Me, by the secure portal",
            [F.OutcomeMethod] = "secure-portal",
            [F.OutcomeContentLocation] = "Case file CS-123456, document 7",
        };
    }

    private async Task<(Guid Id, JsonObject OutcomeCard)> ApprovedAsync()
    {
        var id = await _w.SubmitRequestAsync();
        _w.Clock.Advance(TimeSpan.FromHours(1));
        var body = await _w.ClickAsync(id, ApprovalVerbs.Approve);
        Assert.Contains("Approved by", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        var notice = await _w.NoticeToPractitionerAsync("What happened with ISR-");
        _w.TakeNewPersonal();
        return (id, notice.Card!);
    }

    [Fact]
    public async Task Approved_PractitionerIsAskedForTheOutcome_SharedAsApproved_IsRecordedWithWhereTheContentLives()
    {
        var (id, card) = await ApprovedAsync();
        Assert.Contains("Emotional and mental health", card.ToJsonString(), StringComparison.Ordinal); // what was approved
        Assert.Equal(1, await _w.QueryAsync(db => db.ScheduledJobs.CountAsync(j => j.RequestId == id && j.Kind == JobKinds.PractitionerReminder && j.Status == JobStatus.Pending)));

        await _w.SubmitAsync(SharedAsApproved(_w.Clock.GetUtcNow()), SafeguardingActions.OutcomeRecord, card);

        Assert.Contains("is recorded (shared as approved)", _w.AllText, StringComparison.Ordinal);
        var row = await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.NotNull(row.OutcomeRecordedAt);
        Assert.Contains("\"kind\":\"SharedAsApproved\"", row.OutcomeJson, StringComparison.Ordinal);
        Assert.Contains("document 7", row.OutcomeJson, StringComparison.Ordinal);
        Assert.Equal(0, await _w.QueryAsync(db => db.ScheduledJobs.CountAsync(j => j.RequestId == id && j.Status == JobStatus.Pending)));
        await _w.Channel.WaitForAsync(c => c.Method == "PUT" && c.Card?.ToJsonString().Contains("recorded what happened", StringComparison.Ordinal) == true);

        await _w.SubmitAsync(SharedAsApproved(_w.Clock.GetUtcNow()), SafeguardingActions.OutcomeRecord, card);
        Assert.Contains("already recorded", _w.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharedWithChangesThatWidenTheScope_IsNotRecorded_AndOffersANewLinkedRequest()
    {
        var (id, card) = await ApprovedAsync();
        var values = SharedAsApproved(_w.Clock.GetUtcNow());
        values[F.Outcome] = "shared-with-changes";
        values[F.OutcomeChanges] = "The police asked for the offending history as well.";
        values[F.OutcomeCategories] = "emotional-mental-health,family-relationships,offending-history";
        values[F.OutcomeRecipientType] = "police";
        await _w.SubmitAsync(values, SafeguardingActions.OutcomeRecord, card);

        Assert.Contains("needs a new approval", SafeguardingWorld.Beside(_w.LastCard, F.OutcomeCategories), StringComparison.Ordinal);
        Assert.NotNull(SafeguardingWorld.Beside(_w.LastCard, F.OutcomeRecipientType));
        Assert.Null((await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id))).OutcomeRecordedAt);

        await _w.SubmitAsync(new Dictionary<string, string>(), SafeguardingActions.WiderRequest);
        Assert.True(_w.AllText.Contains("A new request linked to ISR-", StringComparison.Ordinal), _w.AllText[..Math.Min(3000, _w.AllText.Length)]);

        // Offending history needs a criminal-offence condition: the new draft opens at step 5 to add it.
        Assert.Contains(FieldIds.CriminalOffenceCondition, _w.LastCard.ToJsonString(), StringComparison.Ordinal);
        var legal = SafeguardingWorld.Sample(DialogStep.LegalBasis, _w.Clock.GetUtcNow());
        legal[FieldIds.CriminalOffenceCondition] = "co-sch1-para18";
        await _w.SubmitAsync(legal, "submit");
        Assert.Contains("beyond what ISR-", _w.LastCard.ToJsonString(), StringComparison.Ordinal); // the review says what it is linked to
        await _w.SubmitAsync(new Dictionary<string, string> { [FieldIds.Declaration] = "true" }, "submit");

        var wider = await _w.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Kind == RecordKinds.Request && r.Id != id).SingleAsync());
        Assert.Equal(id, wider.LinkedRequestId);
        Assert.Contains("offending-history", wider.AnswersJson, StringComparison.Ordinal);
        Assert.Contains("\"recipientTypeId\":\"police\"", wider.AnswersJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharedWithChangesWithinTheScope_AndNotShared_AreRecordedWithTheirReasons()
    {
        var (id, card) = await ApprovedAsync();
        var values = new Dictionary<string, string>
        {
            [F.Outcome] = "not-shared",
            [F.OutcomeNotSharedReason] = "The family moved out of the area before it was sent.",
            [F.OutcomeRequesterTold] = "not-applicable",
        };
        await _w.SubmitAsync(values, SafeguardingActions.OutcomeRecord, card);
        Assert.Contains("(not shared)", _w.AllText, StringComparison.Ordinal);
        Assert.Contains("moved out of the area", (await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id))).OutcomeJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declined_OffersReconsider_ANewDraftFromTheOldAnswers_LinkedToTheDeclinedRequest()
    {
        var id = await _w.SubmitRequestAsync();
        await _w.ClickAsync(id, ApprovalVerbs.Decline, new JsonObject
        {
            ["declineReasonCode"] = "not-proportionate",
            ["declineReason"] = "The whole chronology is not needed; share the referral summary only.",
        });
        var offer = await _w.NoticeToPractitionerAsync("Reconsider with new information");
        _w.TakeNewPersonal();

        await _w.SubmitAsync(new Dictionary<string, string>(), SafeguardingActions.Reconsider, offer.Card);
        var review = _w.LastCard.ToJsonString();
        Assert.Contains("Check and submit", review, StringComparison.Ordinal);
        Assert.Contains("reconsider ISR-", review, StringComparison.Ordinal);
        Assert.Contains("CS-123456", review, StringComparison.Ordinal);   // the earlier answers

        await _w.SubmitAsync(new Dictionary<string, string> { [FieldIds.Declaration] = "true" }, "submit");
        var again = await _w.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Kind == RecordKinds.Request && r.Id != id).SingleAsync());
        Assert.Equal(id, again.LinkedRequestId);
        var posted = await _w.Channel.WaitForAsync(c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal)
                                                        && c.Card?.ToJsonString().Contains(again.Reference, StringComparison.Ordinal) == true);
        Assert.Contains("(declined) with new information", posted.Card!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutcomeForm_OnlyForTheRequester()
    {
        var (id, card) = await ApprovedAsync();
        var value = (JsonObject)SafeguardingWorld.FindSubmit(card, SafeguardingActions.OutcomeRecord)["data"]!.DeepClone();
        foreach (var (k, v) in SharedAsApproved(_w.Clock.GetUtcNow()))
        {
            value[k] = v;
        }

        await _w.PostPersonalAsync(Hosting.Activities.Personal(_w.Channel.ServiceUrl, value: value, userId: "29:other", aad: "aaaaaaaa-0000-0000-0000-000000000099", conversationId: "a:other"));
        Assert.Null((await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id))).OutcomeRecordedAt);
        await _w.Channel.WaitForAsync(c => c.Path == "/v3/conversations/a:other/activities" && c.Text?.Contains("not found among yours", StringComparison.Ordinal) == true);
    }
}
