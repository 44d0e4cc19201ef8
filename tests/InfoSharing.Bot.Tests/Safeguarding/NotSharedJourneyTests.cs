using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using F = InfoSharing.Bot.Cards.SafeguardingFieldIds;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>Cancel and the decision not to share (domain.md §3.1) as transcripts over the real turn pipeline.</summary>
public sealed class NotSharedJourneyTests : IAsyncLifetime
{
    private SafeguardingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await SafeguardingWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    private static Dictionary<string, string> Reasons(string why = "Children's social care already hold this and a plan is in place.") => new()
    {
        [F.NotSharedReasons] = "not-necessary,protected-another-way",
        [F.NotSharedWhy] = why,
    };

    private async Task CancelAtWhyAsync()
    {
        await _w.SendAsync("new request");
        await _w.StepsAsync(DialogStep.Urgency, DialogStep.LegalBasis);
        await _w.SendAsync("cancel");
        Assert.Contains("Delete this draft, or record that you decided not to share?", _w.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelThenDelete_NothingRemainsButTheDraftsAuditEntries()
    {
        await CancelAtWhyAsync();

        await _w.SubmitAsync(new Dictionary<string, string>(), CardData.CancelDelete);

        Assert.Contains("cancelled and deleted", _w.AllText, StringComparison.Ordinal);
        Assert.Null(await _w.QueryAsync(db => db.DialogStates.AsNoTracking().FirstOrDefaultAsync()));
        Assert.Equal(0, await _w.QueryAsync(db => db.Requests.CountAsync()));
        Assert.True(await _w.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "draft-cancelled")));
    }

    [Fact]
    public async Task CancelThenRecord_IsANotSharedRecord_WithReasonsAndPolicyVersion_NoApproval_NothingPosted()
    {
        await CancelAtWhyAsync();
        await _w.SubmitAsync(new Dictionary<string, string>(), CardData.NotShared);
        Assert.Contains("Record your decision not to share", _w.LastCard.ToJsonString(), StringComparison.Ordinal);

        await _w.SubmitAsync(Reasons(), CardData.NotSharedRecord);

        var replies = _w.Replies.Where(r => r.Text?.Contains("Recorded as **NSR-", StringComparison.Ordinal) == true).ToList();
        Assert.Single(replies);
        var row = await _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync());
        Assert.Equal(RecordKinds.NotShared, row.Kind);
        Assert.Equal(SafeguardingStatus.DecidedNotToShare, row.Status);
        Assert.Matches(@"^NSR-2026-\d{4}$", row.Reference);
        Assert.Contains(row.Reference, replies[0].Text, StringComparison.Ordinal);
        Assert.Equal("CS-123456", row.CaseReference); // the answers so far
        Assert.Contains("\"reasonIds\":[\"not-necessary\",\"protected-another-way\"]", row.AnswersJson, StringComparison.Ordinal);
        Assert.Contains("a plan is in place", row.AnswersJson, StringComparison.Ordinal);
        Assert.Contains("\"why\":", row.AnswersJson, StringComparison.Ordinal);
        Assert.Contains($"\"policyVersion\":\"{row.PolicyVersion}\"", row.AnswersJson, StringComparison.Ordinal);
        Assert.Null(await _w.QueryAsync(db => db.DialogStates.AsNoTracking().FirstOrDefaultAsync()));
        var audit = await _w.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "not-shared-recorded").ToListAsync());
        Assert.Contains("protected-another-way", Assert.Single(audit).Details, StringComparison.Ordinal);
        Assert.False(await _w.QueryAsync(db => db.Outbox.AnyAsync(o => o.RequestId == row.Id && (o.Operation == InfoSharing.Bot.Connector.OutboxOperations.PostApprovalCard || o.Operation == InfoSharing.Bot.Connector.OutboxOperations.PostRecordCard || o.Operation == InfoSharing.Bot.Connector.OutboxOperations.UpdateRecordCard || o.Operation == InfoSharing.Bot.Connector.OutboxOperations.ChannelNotice || o.Operation == InfoSharing.Bot.Connector.OutboxOperations.ThreadReply))));
        Assert.DoesNotContain(_w.Channel.Calls, c => c.Card?.ToJsonString().Contains(row.Reference, StringComparison.Ordinal) == true);
        Assert.Equal(0, await _w.QueryAsync(db => db.ApprovalActions.CountAsync(a => a.Action == ApprovalVerbs.Approve)));

        await _w.SendAsync("my requests");
        Assert.Contains($"**{row.Reference}** (case CS-123456): Not shared: decision recorded, recorded", _w.AllText, StringComparison.Ordinal);

        var (csvStatus, csv) = await _w.Host.GetLocalAsync("/records/export.csv");
        Assert.Equal(200, csvStatus);
        Assert.Contains(row.Reference, csv, StringComparison.Ordinal);
        Assert.Contains(RecordKinds.NotShared, csv, StringComparison.Ordinal);
        var (_, json) = await _w.Host.GetLocalAsync("/records/" + row.Reference);
        Assert.Contains("protected-another-way", json, StringComparison.Ordinal);
        var (_, caseFile) = await _w.Host.GetLocalAsync($"/records/{row.Reference}/case-file");
        Assert.Contains("Decision not to share", caseFile, StringComparison.Ordinal);
        Assert.Contains("The risk is being managed another way", caseFile, StringComparison.Ordinal);

        var (tabStatus, tab) = await _w.Host.GetLocalAsync("/tabs/api/records?type=" + RecordKinds.NotShared);
        Assert.Equal(200, tabStatus);
        Assert.Contains(row.Reference, tab, StringComparison.Ordinal);
        var (_, requestsOnly) = await _w.Host.GetLocalAsync("/tabs/api/records?type=" + RecordKinds.Request);
        Assert.DoesNotContain(row.Reference, requestsOnly, StringComparison.Ordinal);
        var (_, statistics) = await _w.Host.GetLocalAsync("/tabs/api/statistics");
        Assert.Contains("Not shared", statistics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSentence_IsCheckedForIdentifiers_WarnedThenRefused_NothingLost()
    {
        await CancelAtWhyAsync();
        await _w.SubmitAsync(new Dictionary<string, string>(), CardData.NotShared);
        var identifying = Reasons("John Smith at SW1A 1AA is already known to social care.");

        await _w.SubmitAsync(identifying, CardData.NotSharedRecord);
        Assert.NotNull(SafeguardingWorld.Beside(_w.LastCard, F.NotSharedWhy, "_warning"));
        await _w.SubmitAsync(identifying, CardData.NotSharedRecord);

        Assert.Contains("Refused", SafeguardingWorld.Beside(_w.LastCard, F.NotSharedWhy), StringComparison.Ordinal);
        Assert.Contains("John Smith", _w.LastCard.ToJsonString(), StringComparison.Ordinal); // the text is kept
        Assert.Equal(0, await _w.QueryAsync(db => db.Requests.CountAsync()));
        Assert.NotNull(await _w.QueryAsync(db => db.DialogStates.AsNoTracking().FirstOrDefaultAsync())); // the draft is kept

        await _w.SubmitAsync(Reasons(), CardData.NotSharedRecord);
        Assert.Equal(1, await _w.QueryAsync(db => db.Requests.CountAsync(r => r.Kind == RecordKinds.NotShared)));
    }
}
