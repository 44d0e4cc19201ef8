using System.Text.Json.Nodes;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Approvals;
using Microsoft.EntityFrameworkCore;
using F = InfoSharing.Bot.Cards.SafeguardingFieldIds;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>Anonymised advice (domain.md §6) as transcripts over the real turn pipeline.</summary>
public sealed class AdviceJourneyTests : IAsyncLifetime
{
    private SafeguardingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await SafeguardingWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    public static Dictionary<string, string> Consultation() => new()
    {
        [F.AdviceAgeBand] = "11-15",
        [F.AdviceMatterType] = "safeguarding-child",
        [F.AdviceDescription] = "A pupil has told a teacher that an older relative at home hits them when drunk; no injuries seen.",
        [F.AdviceCategories] = "family-relationships,emotional-mental-health",
        [F.AdviceRecipientType] = "la-childrens-social-care",
        [F.AdviceQuestion] = "Is this enough to refer to children's social care now, or should we gather more first?",
    };

    private async Task<Guid> AskFromStep8Async()
    {
        await _w.SendAsync("new request");
        await _w.StepsAsync(DialogStep.Urgency, DialogStep.AdviceAndDeadline);
        var values = SafeguardingWorld.Sample(DialogStep.AdviceAndDeadline, _w.Clock.GetUtcNow());
        values[FieldIds.Advice] = "advice-now";
        await _w.SubmitAsync(values, "submit");
        Assert.Contains("Ask for advice without identifying the person", _w.LastCard.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("safeguarding-child", _w.LastCard.ToJsonString(), StringComparison.Ordinal); // seeded from the draft, ids only
        Assert.DoesNotContain("CS-123456", _w.LastCard.ToJsonString(), StringComparison.Ordinal);  // never the case reference

        await _w.SubmitAsync(Consultation(), SafeguardingActions.AdviceConsultation);
        Assert.Contains("Sent to the approvers as **ADV-", _w.AllText, StringComparison.Ordinal);
        return await _w.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Kind == RecordKinds.Advice).Select(r => r.Id).SingleAsync());
    }

    [Fact]
    public async Task IdentifiersAndCaseReferences_AreWarnedThenRefusedUnlessConfirmed()
    {
        await _w.SendAsync("ask for advice");
        var values = Consultation();
        values[F.AdviceDescription] = "John Smith (case CS-654321) told his teacher that his uncle hits him when drunk at home.";
        await _w.SubmitAsync(values, SafeguardingActions.AdviceConsultation);
        var warning = SafeguardingWorld.Beside(_w.LastCard, F.AdviceDescription, "_warning");
        Assert.Contains("a first and last name", warning, StringComparison.Ordinal);
        Assert.Contains("a case reference", warning, StringComparison.Ordinal);

        await _w.SubmitAsync(values, SafeguardingActions.AdviceConsultation);
        Assert.Contains("Refused", SafeguardingWorld.Beside(_w.LastCard, F.AdviceDescription), StringComparison.Ordinal);
        Assert.Equal(0, await _w.QueryAsync(db => db.Requests.CountAsync(r => r.Kind == RecordKinds.Advice)));

        await _w.SubmitAsync(Consultation(), SafeguardingActions.AdviceConsultation);
        Assert.Equal(1, await _w.QueryAsync(db => db.Requests.CountAsync(r => r.Kind == RecordKinds.Advice)));
    }

    [Fact]
    public async Task Consultation_IsItsOwnRecordType_IdentityNotDisclosed_AdviceCardCarriesNoFreeText()
    {
        var id = await AskFromStep8Async();

        var row = await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Matches(@"^ADV-2026-\d{4}$", row.Reference);
        Assert.Equal(SafeguardingStatus.AwaitingAdvice, row.Status);
        Assert.Equal(string.Empty, row.CaseReference);
        Assert.Contains("\"identityDisclosed\":false", row.AnswersJson, StringComparison.Ordinal);
        Assert.True(await _w.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "advice-asked" && e.Details!.Contains("\"identityDisclosed\":false"))));
        Assert.NotNull(await _w.QueryAsync(db => db.DialogStates.AsNoTracking().FirstOrDefaultAsync())); // the draft is kept

        var posted = await _w.Channel.WaitForAsync(c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal)
                                                        && c.Card?.ToJsonString().Contains("Advice requested", StringComparison.Ordinal) == true);
        var card = posted.Card!.ToJsonString();
        Assert.Contains("11 to 15", card, StringComparison.Ordinal);
        Assert.Contains("Identity disclosed", card, StringComparison.Ordinal);
        Assert.DoesNotContain("older relative", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Is this enough", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approver_OpensAnswersWithSuggestedOutcome_PractitionerGetsTheAnswer_AndContinuesIntoALinkedRequest()
    {
        var id = await AskFromStep8Async();

        var own = await _w.ClickAsync(id, SafeguardingVerbs.AdviceOpen, userId: "29:practitioner", aad: SafeguardingWorld.PractitionerAad);
        Assert.DoesNotContain("older relative", own["value"]!.ToJsonString(), StringComparison.Ordinal);

        var opened = await _w.ClickAsync(id, SafeguardingVerbs.AdviceOpen);
        Assert.Contains("older relative", opened["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(F.AdviceSuggestedOutcome, opened["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(await _w.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "detail-view-opened" && e.SubjectId == id.ToString())));

        var refused = await _w.ClickAsync(id, SafeguardingVerbs.AdviceAnswer, new JsonObject { [F.AdviceAnswer] = "Refer." });
        Assert.NotNull(SafeguardingWorld.Beside((JsonObject)refused["value"]!, F.AdviceSuggestedOutcome));
        Assert.Contains("Refer.", refused["value"]!.ToJsonString(), StringComparison.Ordinal); // kept

        var answered = await _w.ClickAsync(id, SafeguardingVerbs.AdviceAnswer, new JsonObject
        {
            [F.AdviceAnswer] = "Disclosure of being hit is enough: make a referral to the MASH today and tell the DSL.",
            [F.AdviceSuggestedOutcome] = "make-referral",
        });
        Assert.Contains("suggested outcome Make a referral", answered["value"]!.ToJsonString(), StringComparison.Ordinal);
        var row = await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(SafeguardingStatus.AdviceGiven, row.Status);

        var notice = await _w.NoticeToPractitionerAsync("make a referral to the MASH today");
        Assert.Contains("Continue into a full request", notice.Card!.ToJsonString(), StringComparison.Ordinal);
        _w.TakeNewPersonal();

        await _w.SubmitAsync(new Dictionary<string, string>(), SafeguardingActions.ContinueFromAdvice, notice.Card);
        Assert.Contains($"linked to the advice in {row.Reference}", _w.AllText, StringComparison.Ordinal);
        var step8 = _w.LastCard.ToJsonString();
        Assert.Contains("Anonymised consultation ADV-", step8, StringComparison.Ordinal);   // the advice is filled in

        var values = SafeguardingWorld.Sample(DialogStep.AdviceAndDeadline, _w.Clock.GetUtcNow());
        values[FieldIds.AdviceSummary] = $"Anonymised consultation {row.Reference}: suggested outcome Make a referral.";
        await _w.SubmitAsync(values, "submit");
        Assert.Contains($"follows the anonymised consultation {row.Reference}", _w.LastCard.ToJsonString(), StringComparison.Ordinal);
        await _w.SubmitAsync(new Dictionary<string, string> { [FieldIds.Declaration] = "true" }, "submit");

        var request = await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Kind == RecordKinds.Request));
        Assert.Equal(id, request.LinkedRequestId);
    }

    [Fact]
    public async Task AnsweredTwice_SecondApproverChangesNothing()
    {
        var id = await AskFromStep8Async();
        var answer = new JsonObject { [F.AdviceAnswer] = "Gather a little more first, then refer.", [F.AdviceSuggestedOutcome] = "need-more-information" };
        await _w.ClickAsync(id, SafeguardingVerbs.AdviceAnswer, answer);
        var second = await _w.ClickAsync(id, SafeguardingVerbs.AdviceAnswer, new JsonObject { [F.AdviceAnswer] = "Share it all now please.", [F.AdviceSuggestedOutcome] = "share" },
            userId: "29:dpo", aad: SafeguardingWorld.DpoAad);
        Assert.Contains("already been answered", second["value"]!.ToJsonString(), StringComparison.Ordinal);
        var row = await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Contains("need-more-information", row.OutcomeJson, StringComparison.Ordinal);
    }
}
