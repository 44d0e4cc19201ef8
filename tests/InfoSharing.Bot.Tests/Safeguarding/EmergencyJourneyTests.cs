using System.Text.Json.Nodes;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Approvals;
using Microsoft.EntityFrameworkCore;
using F = InfoSharing.Bot.Cards.SafeguardingFieldIds;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>The emergency path (domain.md §5) as transcripts over the real turn pipeline.</summary>
public sealed class EmergencyJourneyTests : IAsyncLifetime
{
    private SafeguardingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await SafeguardingWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    public static Dictionary<string, string> ShortRecord(DateTimeOffset now)
    {
        var (date, time) = SafeguardingForms.UkDateAndTime(now.AddMinutes(-30));
        return new Dictionary<string, string>
        {
            [F.EmergencyShared] = "yes",
            [F.EmergencyCaseReference] = "CS-123456",
            [F.EmergencyCategories] = "living-arrangements,emotional-mental-health,offending-history",
            [F.EmergencyRecipientType] = "police",
            [F.EmergencyRecipientRole] = "Police control room",
            [F.EmergencySharedOn] = date,
            [F.EmergencySharedAt] = time,
            [F.EmergencyMethod] = "phone-verified",
            [F.EmergencyAuthorised] = "yes",
            [F.EmergencyAuthorisedBy] = "On-call Designated Safeguarding Lead",
        };
    }

    public static Dictionary<string, string> FullRecord() => new()
    {
        [F.EmergencyItems] = "The current living arrangements, the recent mental health crisis plan and the known offending history.",
        [F.EmergencyWhyNow] = "The child had gone missing late at night and was believed to be at serious risk; the police needed it at once.",
        [F.EmergencyArticle6] = "vital-interests",
        [F.EmergencyArticle9] = "vital-interests",
        [F.EmergencyCriminalOffence] = "co-vital-interests",
        [F.EmergencyInformed] = "after",
        [F.EmergencyContentLocation] = "Case file CS-123456, chronology entry 14",
    };

    private async Task<Guid> DeclareAsync()
    {
        await _w.SendAsync("new request");
        await _w.SubmitAsync(new Dictionary<string, string> { [FieldIds.ImmediateDanger] = "yes" }, "submit");
        return await _w.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Kind == RecordKinds.Emergency).Select(r => r.Id).SingleAsync());
    }

    [Fact]
    public async Task ImmediateDanger_ShowsActNowCardAtOnce_ThenTheRetrospectiveForm_AndRecordsAnEmergency()
    {
        var id = await DeclareAsync();

        var first = _w.Replies[0];
        Assert.Contains("999", first.Card!.ToJsonString(), StringComparison.Ordinal);              // numbers from the policy
        Assert.Contains("without waiting for approval", first.Card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Retrospective record", _w.LastCard.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(SafeguardingWorld.FindSubmit(_w.LastCard, SafeguardingActions.EmergencyRecord));

        var row = await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(RecordKinds.Emergency, row.Kind);
        Assert.Matches(@"^EMR-2026-\d{4}$", row.Reference);
        Assert.Equal(SafeguardingStatus.RecordDue, row.Status);
        Assert.Equal(SafeguardingWorld.Start.UtcDateTime.AddHours(24), row.Deadline);               // default window, from the policy
        Assert.Null(await _w.QueryAsync(db => db.DialogStates.AsNoTracking().FirstOrDefaultAsync())); // the draft ended
        Assert.True(await _w.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "emergency-declared" && e.SubjectId == id.ToString())));
        Assert.Equal(2, await _w.QueryAsync(db => db.ScheduledJobs.CountAsync(j => j.RequestId == id && j.Status == JobStatus.Pending)));
    }

    [Fact]
    public async Task RetrospectiveRecord_ErrorsKeptBesideFields_ThenAccepted_PostsReviewCardWithoutFreeText()
    {
        var id = await DeclareAsync();
        var values = ShortRecord(_w.Clock.GetUtcNow());
        values[F.EmergencyCaseReference] = "John Smith";
        values.Remove(F.EmergencyRecipientType);
        await _w.SubmitAsync(values, SafeguardingActions.EmergencyRecord);
        Assert.Contains("not a case reference", SafeguardingWorld.Beside(_w.LastCard, F.EmergencyCaseReference), StringComparison.Ordinal);
        Assert.NotNull(SafeguardingWorld.Beside(_w.LastCard, F.EmergencyRecipientType));
        Assert.Contains("Police control room", _w.LastCard.ToJsonString(), StringComparison.Ordinal); // values kept

        await _w.SubmitAsync(ShortRecord(_w.Clock.GetUtcNow()), SafeguardingActions.EmergencyRecord);
        Assert.Contains("retrospective review", _w.AllText, StringComparison.Ordinal);
        Assert.Contains("Full record of emergency sharing", _w.LastCard.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(F.EmergencyArticle9, _w.LastCard.ToJsonString(), StringComparison.Ordinal);        // SC chosen
        Assert.Contains(F.EmergencyCriminalOffence, _w.LastCard.ToJsonString(), StringComparison.Ordinal); // CO chosen

        var posted = await _w.Channel.WaitForAsync(c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal)
                                                        && c.Card?.ToJsonString().Contains("Retrospective review", StringComparison.Ordinal) == true);
        var card = posted.Card!.ToJsonString();
        Assert.Contains("Acknowledge", card, StringComparison.Ordinal);
        Assert.Contains("Raise a concern", card, StringComparison.Ordinal);
        Assert.DoesNotContain("\"approve\"", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Decline", card, StringComparison.Ordinal);
        Assert.Contains("CS-123456", card, StringComparison.Ordinal);
        Assert.Contains("Emotional and mental health [SC]", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Police control room", card, StringComparison.Ordinal);            // free text only in the detail view
        Assert.DoesNotContain("On-call Designated", card, StringComparison.Ordinal);

        var row = await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(SafeguardingStatus.ReviewPending, row.Status);
        Assert.Equal("CS-123456", row.CaseReference);
    }

    [Fact]
    public async Task Acknowledge_ByApprover_UpdatesCardTellsPractitionerAndCancelsReviewReminders_ThePractitionerCannotReviewTheirOwn()
    {
        var id = await DeclareAsync();
        await _w.SubmitAsync(ShortRecord(_w.Clock.GetUtcNow()), SafeguardingActions.EmergencyRecord);

        var own = await _w.ClickAsync(id, SafeguardingVerbs.Acknowledge, userId: "29:practitioner", aad: SafeguardingWorld.PractitionerAad);
        Assert.Contains("cannot act on it", own["value"]!.ToJsonString(), StringComparison.Ordinal);

        var body = await _w.ClickAsync(id, SafeguardingVerbs.Acknowledge, new JsonObject { [F.ReviewNote] = "Right call." });
        Assert.Contains("Acknowledged by 29:approver", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(SafeguardingStatus.Acknowledged, await _w.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        var told = await _w.NoticeToPractitionerAsync("acknowledged the emergency sharing");
        Assert.Contains("Right call.", told.Text, StringComparison.Ordinal);
        await _w.Channel.WaitForAsync(c => c.Method == "PUT" && c.Card?.ToJsonString().Contains("Acknowledged by", StringComparison.Ordinal) == true);

        var late = await _w.ClickAsync(id, SafeguardingVerbs.RaiseConcern, new JsonObject { [F.ReviewConcern] = "Was the police the right route?" });
        Assert.Contains("Already reviewed", late["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await _w.QueryAsync(db => db.ScheduledJobs.CountAsync(j => j.RequestId == id && j.Status == JobStatus.Pending && (j.Kind == JobKinds.ApproverReminder || j.Kind == JobKinds.ApproverEscalation))));
    }

    [Fact]
    public async Task RaiseConcern_NeedsAText_ThenTellsThePractitioner_DetailsAreAudited()
    {
        var id = await DeclareAsync();
        await _w.SubmitAsync(ShortRecord(_w.Clock.GetUtcNow()), SafeguardingActions.EmergencyRecord);

        var details = await _w.ClickAsync(id, SafeguardingVerbs.ReviewDetails);
        Assert.Contains("Police control room", details["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(await _w.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "detail-view-opened" && e.SubjectId == id.ToString())));

        var empty = await _w.ClickAsync(id, SafeguardingVerbs.RaiseConcern, new JsonObject { [F.ReviewConcern] = "short" });
        Assert.Contains("Please correct", empty["value"]!.ToJsonString(), StringComparison.Ordinal);

        await _w.ClickAsync(id, SafeguardingVerbs.RaiseConcern, new JsonObject { [F.ReviewConcern] = "The offending history was not needed by the police." });
        Assert.Equal(SafeguardingStatus.ConcernRaised, await _w.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        await _w.NoticeToPractitionerAsync("The offending history was not needed");
    }

    [Fact]
    public async Task FullRecord_CompletesTheRecord_AndStopsThePractitionersReminders()
    {
        var id = await DeclareAsync();
        await _w.SubmitAsync(ShortRecord(_w.Clock.GetUtcNow()), SafeguardingActions.EmergencyRecord);
        var full = FullRecord();
        full.Remove(F.EmergencyArticle9);
        full[F.EmergencyContentLocation] = "Born 12/03/2012, file 7";
        await _w.SubmitAsync(full, SafeguardingActions.EmergencyFull);
        Assert.NotNull(SafeguardingWorld.Beside(_w.LastCard, F.EmergencyArticle9));                       // cross-check 1
        Assert.NotNull(SafeguardingWorld.Beside(_w.LastCard, F.EmergencyContentLocation, "_warning"));    // cross-check 8

        await _w.SubmitAsync(FullRecord(), SafeguardingActions.EmergencyFull);
        Assert.Contains("is complete", _w.AllText, StringComparison.Ordinal);
        var row = await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.NotNull(row.OutcomeRecordedAt);
        Assert.Contains("vital-interests", row.OutcomeJson, StringComparison.Ordinal);
        Assert.Equal(0, await _w.QueryAsync(db => db.ScheduledJobs.CountAsync(j => j.RequestId == id && j.Status == JobStatus.Pending
            && (j.Kind == JobKinds.PractitionerReminder || j.Kind == JobKinds.RecordOverdue))));
        await _w.Channel.WaitForAsync(c => c.Method == "PUT" && c.Card?.ToJsonString().Contains("Given on", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task NothingSharedAfterAll_IsRecordedWithTheReason_NoReviewAndNoReminders()
    {
        var id = await DeclareAsync();
        await _w.SubmitAsync(new Dictionary<string, string> { [F.EmergencyShared] = "no", [F.EmergencyNotSharedReason] = "The police were already there and took over." }, SafeguardingActions.EmergencyRecord);

        Assert.Contains("nothing was shared", _w.AllText, StringComparison.Ordinal);
        var row = await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(SafeguardingStatus.NothingShared, row.Status);
        Assert.Equal(0, await _w.QueryAsync(db => db.ScheduledJobs.CountAsync(j => j.RequestId == id && j.Status == JobStatus.Pending)));
        Assert.Equal(0, await _w.AdvanceAsync(TimeSpan.FromHours(30)));
    }

    [Fact]
    public async Task MyRequests_ListsTheEmergencyRecord()
    {
        await DeclareAsync();
        await _w.SendAsync("my requests");
        Assert.Contains("EMR-2026-", _w.AllText, StringComparison.Ordinal);
        Assert.Contains("retrospective record due", _w.AllText, StringComparison.Ordinal);
    }
}
