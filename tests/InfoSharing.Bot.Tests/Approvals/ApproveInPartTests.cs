using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Records.Export;
using InfoSharing.Bot.Tests.Cards;
using InfoSharing.Bot.Tests.Records;
using InfoSharing.Bot.Tests.Safeguarding;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;
using F = InfoSharing.Bot.Cards.SafeguardingFieldIds;

namespace InfoSharing.Bot.Tests.Approvals;

/// <summary>
/// Issue 12, approve in part (domain.md §7.1), through the real pipeline: a request submitted in the 1:1 chat (two
/// categories), approved in part on its card; the card, the notice, the outcome form and the export are limited to
/// what was approved, and the rest needs a new request, linked to the original.
/// </summary>
public sealed class ApproveInPartTests : IAsyncLifetime
{
    private const string Kept = "emotional-mental-health";
    private const string LeftOut = "family-relationships";
    private const string Recipient = "la-childrens-social-care";
    private const string Note = "The family relationships are not needed for this referral.";

    private static readonly PolicyDocument Policy = PolicyLoader.Load(PolicyLoader.DefaultPath);
    private SafeguardingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await SafeguardingWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    private static JsonObject InPart(string categories, string recipients = Recipient, string note = Note) => new()
    {
        [ApprovalRules.InPartCategories] = categories,
        [ApprovalRules.InPartRecipients] = recipients,
        [ApprovalRules.InPartNote] = note,
    };

    private Task<InfoSharing.Bot.Storage.InfoRequestRow> RowAsync(Guid id) => _w.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task ApproveInPart_CardNoticeOutcomeFormAndExportAreLimitedToWhatWasApproved_AndTheRestIsANewLinkedRequest()
    {
        var id = await _w.SubmitRequestAsync();
        _w.TakeNewPersonal();

        var body = await _w.ClickAsync(id, ApprovalVerbs.ApproveInPart, InPart(Kept));

        // The clicker's card, and the card everyone sees (PUT in place), say what was approved and what was not.
        Assert.Contains("Approved in part by", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(body["value"]!["actions"]);
        var put = await _w.Channel.WaitForAsync(c => c.Method == "PUT" && c.Card?.ToJsonString().Contains("Approved in part by", StringComparison.Ordinal) == true);
        var shared = put.Card!.ToJsonString();
        var status = put.Card.DescendantObjects().Select(o => o["text"]?.GetValue<string>()).First(t => t?.StartsWith("Approved in part by", StringComparison.Ordinal) == true);
        var recipient = Policy.Lists.RecipientTypes.Single(r => r.Id == Recipient).Title;
        Assert.EndsWith($": Emotional and mental health, with {recipient}; not approved: Family and personal relationships", status, StringComparison.Ordinal);
        Assert.DoesNotContain(Note, shared, StringComparison.Ordinal); // the note is free text: never on the channel card

        // The record: approved, the action row approve-in-part with the note, the summary with exactly what was approved.
        var row = await RowAsync(id);
        Assert.Equal(RequestStatus.Approved, row.Status);
        Assert.Equal(RequestStatus.Approved, row.Decision);
        var inPart = ApprovalRecords.Summary(row).InPart!;
        Assert.Equal([Kept], inPart.CategoryIds);
        Assert.Equal([Recipient], inPart.RecipientTypeIds);
        Assert.Equal([LeftOut], inPart.LeftOutCategoryIds);
        var actions = await _w.QueryAsync(db => db.ApprovalActions.AsNoTracking().Where(a => a.RequestId == id).OrderBy(a => a.Id).ToListAsync());
        var decided = actions.Last();
        Assert.Equal(RecordActionKinds.ApprovedInPart, decided.Action);
        Assert.Equal(Note, decided.Text);
        Assert.DoesNotContain(actions, a => a.Action == RecordActionKinds.PartialApproval);
        var audit = await _w.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == RecordActionKinds.ApprovedInPart));
        Assert.Contains($"\"leftOutCategories\":[\"{LeftOut}\"]", audit.Details, StringComparison.Ordinal);

        // The practitioner is told what was approved, what was not and why, and offered a new linked request.
        var notice = await _w.NoticeToPractitionerAsync("approved in part");
        Assert.Contains("Not approved: Family and personal relationships", notice.Text, StringComparison.Ordinal);
        Assert.Contains(Note, notice.Text, StringComparison.Ordinal);
        Assert.Contains("needs a new request", notice.Text, StringComparison.Ordinal);
        var offer = SafeguardingWorld.FindSubmit(notice.Card!, SafeguardingActions.WiderRequest);
        Assert.Equal(LeftOut, offer["data"]!["categories"]!.GetValue<string>());

        // The outcome form offers only what was approved, says the rest needs a new request, and offers it too.
        var form = (await _w.NoticeToPractitionerAsync("What happened with ISR-")).Card!;
        var categories = form.DescendantObjects().Single(o => o["id"]?.GetValue<string>() == F.OutcomeCategories);
        Assert.Equal([Kept], categories["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal(Kept, categories["value"]!.GetValue<string>());
        Assert.Contains("Approved in part: Emotional and mental health", form.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Not approved: Family and personal relationships", form.ToJsonString(), StringComparison.Ordinal);
        SafeguardingWorld.FindSubmit(form, SafeguardingActions.WiderRequest);

        // Recording "shared with changes" with the category left out is refused: it was not approved.
        _w.TakeNewPersonal();
        var widened = OutcomeJourneyTests.SharedAsApproved(_w.Clock.GetUtcNow());
        widened[F.Outcome] = "shared-with-changes";
        widened[F.OutcomeChanges] = "The social worker asked for the family relationships as well.";
        widened[F.OutcomeCategories] = $"{Kept},{LeftOut}";
        await _w.SubmitAsync(widened, SafeguardingActions.OutcomeRecord, form);
        Assert.Contains("needs a new approval", SafeguardingWorld.Beside(_w.LastCard, F.OutcomeCategories) ?? "", StringComparison.Ordinal);
        Assert.Null((await RowAsync(id)).OutcomeRecordedAt);

        // Shared as approved: the outcome records only the approved category.
        await _w.SubmitAsync(OutcomeJourneyTests.SharedAsApproved(_w.Clock.GetUtcNow()), SafeguardingActions.OutcomeRecord, form);
        Assert.Contains("is recorded (shared as approved)", _w.AllText, StringComparison.Ordinal);
        row = await RowAsync(id);
        var outcome = JsonSerializer.Deserialize(row.OutcomeJson!, DialogJsonContext.Default.OutcomeRecord)!;
        Assert.Equal([Kept], outcome.CategoryIds);

        // The export: CSV, JSON document and case file say what was approved and what was not.
        actions = await _w.QueryAsync(db => db.ApprovalActions.AsNoTracking().Where(a => a.RequestId == id).OrderBy(a => a.Id).ToListAsync());
        var data = new RecordData(row, actions);
        var csv = CsvParser.Parse(RecordCsv.HeaderRow() + RecordCsv.Row(data));
        string Column(string name) => csv[1][csv[0].IndexOf(name)];
        Assert.Equal("yes", Column("approved_in_part"));
        Assert.Equal(Kept, Column("approved_categories"));
        Assert.Equal(Recipient, Column("approved_recipient_types"));
        Assert.Equal(LeftOut, Column("not_approved_categories"));
        var document = RecordDocuments.Record(data, []);
        Assert.True(document.Decision!.InPart);
        Assert.Equal([Kept], document.Decision.ApprovedCategoryIds!);
        Assert.Equal([LeftOut], document.Decision.NotApprovedCategoryIds!);
        var caseFile = CaseFile.Render(data, [], Policy, new CaseFileExport(row.DecidedAt!.Value, "auditor", "Audrey Auditor"));
        Assert.Contains("**Approved in part** by", caseFile, StringComparison.Ordinal);
        Assert.Contains("Not approved", caseFile, StringComparison.Ordinal);
        Assert.Contains("Family and personal relationships", caseFile, StringComparison.Ordinal);

        // A double click (or a stale card) changes nothing and says who decided.
        var again = await _w.ClickAsync(id, ApprovalVerbs.ApproveInPart, InPart(Kept), userId: "29:deputy", aad: SafeguardingWorld.DeputyAad);
        Assert.Contains("Already approved by", again.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(await _w.QueryAsync(db => db.ApprovalActions.AsNoTracking().Where(a => a.RequestId == id && a.Action == RecordActionKinds.ApprovedInPart).ToListAsync()));

        // The rest: a new request, filled in from the original with only what was left out, linked to it.
        _w.TakeNewPersonal();
        await _w.SubmitAsync(new Dictionary<string, string>(), SafeguardingActions.WiderRequest, notice.Card);
        Assert.Contains("A new request linked to ISR-", _w.AllText, StringComparison.Ordinal);
        Assert.Contains("beyond what ISR-", _w.LastCard.ToJsonString(), StringComparison.Ordinal);
        await _w.SubmitAsync(new Dictionary<string, string> { [FieldIds.Declaration] = "true" }, "submit");
        var follow = await _w.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Kind == RecordKinds.Request && r.Id != id).SingleAsync());
        Assert.Equal(id, follow.LinkedRequestId);
        Assert.Equal([LeftOut], JsonSerializer.Deserialize(follow.AnswersJson, DialogJsonContext.Default.RequestSubmission)?.What.CategoryIds ?? []);
    }

    [Theory]
    [InlineData("offending-history", Recipient)]            // a category the request does not ask for
    [InlineData(Kept, "police")]                            // a recipient it does not name
    public async Task ApproveInPart_ForgedValues_AreRefusedAuditedAndChangeNothing(string categories, string recipients)
    {
        var id = await _w.SubmitRequestAsync();

        var body = await _w.ClickAsync(id, ApprovalVerbs.ApproveInPart, InPart(categories, recipients));

        Assert.Contains("does not ask to share, so nothing was recorded", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Pending, (await RowAsync(id)).Status);
        Assert.Empty(await _w.QueryAsync(db => db.ApprovalActions.AsNoTracking().Where(a => a.RequestId == id && a.Action == RecordActionKinds.ApprovedInPart).ToListAsync()));
        var refused = await _w.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "refused-action").ToListAsync());
        Assert.Contains(refused, e => e.Details != null && e.Details.Contains("unknown values", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApproveInPart_NothingOrEverythingTicked_ShortNote_OrANoteThatLooksIdentifying_ReshowTheCardWithWhy()
    {
        var id = await _w.SubmitRequestAsync();

        var everything = await _w.ClickAsync(id, ApprovalVerbs.ApproveInPart, InPart($"{Kept},{LeftOut}"));
        var nothing = await _w.ClickAsync(id, ApprovalVerbs.ApproveInPart, InPart(""));
        var shortNote = await _w.ClickAsync(id, ApprovalVerbs.ApproveInPart, InPart(Kept, note: "no"));
        var named = await _w.ClickAsync(id, ApprovalVerbs.ApproveInPart, InPart(Kept, note: "Leave out what Mary Smith told the school about the family."));

        Assert.Contains("that is a plain approval", everything["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("that is a decline", nothing["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Say what was left out and why", shortNote["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("looks like it contains", named["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Pending, (await RowAsync(id)).Status);

        // Confirmed as holding no identifier: recorded, and the audit says the kinds were confirmed (never the text).
        var confirmed = InPart(Kept, note: "Leave out what Mary Smith told the school about the family.");
        confirmed[ApprovalRules.InPartNoIdentifiers] = "true";
        await _w.ClickAsync(id, ApprovalVerbs.ApproveInPart, confirmed);
        Assert.Equal(RequestStatus.Approved, (await RowAsync(id)).Status);
        var audit = await _w.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == RecordActionKinds.ApprovedInPart));
        Assert.Contains("\"identifierConfirmed\":true", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Smith", audit.Details, StringComparison.Ordinal);
    }
}
