using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tests.Hosting;
using InfoSharing.Bot.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>
/// Retention over the real pipeline: the class and review date set when a request is submitted and again when it is
/// decided (Records:Retention:request), records past review listed and reviewed, a legal hold refusing removal, the
/// personal content removed into a tombstone with its audit entry, and the channel's `records` command. Run on
/// SQLite and PostgreSQL.
/// </summary>
public abstract class RetentionTests : IAsyncLifetime
{
    private static readonly TimeSpan ReviewAfter = TimeSpan.FromDays(30);
    private EntraIssuer? _issuer;
    private RecordsJourney? _journey;

    protected abstract Task<RecordsDatabase> DatabaseAsync();

    private RecordsJourney Journey => _journey ?? throw new InvalidOperationException("not started");

    private RecordsHost Host => Journey.Host;

    public async ValueTask InitializeAsync()
    {
        _issuer = await EntraIssuer.StartAsync();
        var settings = _issuer.HostSettings();
        settings["Records:Retention:request:Class"] = "safeguarding-information-sharing";
        settings["Records:Retention:request:ReviewAfter"] = "30.00:00:00";
        settings["Records:PublicBaseUrl"] = "https://bot.example.org/";
        _journey = await RecordsJourney.StartAsync(await DatabaseAsync(), settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (_journey is not null)
        {
            await _journey.DisposeAsync();
        }

        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }

    private string Manager => EntraIssuer.Bearer(_issuer!.Token(Host.Clock.GetUtcNow(), "Records.Manage", "Records.Read"));

    private Task<InfoRequestRow> RowAsync() => Host.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Reference == Journey.Reference));

    private async Task<(HttpStatusCode Status, JsonNode? Body)> CallAsync(HttpMethod method, string path, JsonObject? body = null)
    {
        using var response = await Host.SendAsync(method, path, Manager, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>
    /// The audit actions since <paramref name="since"/>, without the reminder jobs' entries ("reminder-sent", "escalated"):
    /// a tick of years fires the outcome reminders in the background, at no fixed point among this test's own entries.
    /// </summary>
    private async Task<List<string>> NewAuditActionsAsync(int since) =>
        [.. (await Host.AuditAsync()).Skip(since).Where(e => e.Action is not ("reminder-sent" or "escalated")).Select(e => e.Action)];

    [Fact]
    public async Task Retention_SetWhenSubmittedAndAgainWhenDecided()
    {
        await Journey.FillDraftAsync();
        await Journey.SubmitDraftAsync();
        var submitted = await RowAsync();
        Assert.Equal("safeguarding-information-sharing", submitted.RetentionClass);
        Assert.Equal(submitted.SubmittedAt!.Value + ReviewAfter, submitted.ReviewDate);
        Assert.False(submitted.LegalHold);

        await Journey.ClickAsync("29:prevent", RecordsJourney.PreventLeadAad, "Pat Prevent", "approve");
        Assert.Equal(submitted.ReviewDate, (await RowAsync()).ReviewDate); // a partial approval decides nothing
        await Journey.ClickAsync("29:dpo", RecordsJourney.DpoAad, "Dana Dpo", "approve");
        var decided = await RowAsync();
        Assert.Equal(RequestStatus.Approved, decided.Status);
        Assert.Equal(decided.DecidedAt!.Value + ReviewAfter, decided.ReviewDate);
        var decision = (await Host.AuditAsync()).Single(e => e.Action == "approve");
        Assert.Equal(decided.ReviewDate!.Value, JsonNode.Parse(decision.Details!)!["reviewDate"]!.GetValue<DateTime>().ToUniversalTime());
    }

    [Fact]
    public async Task DueRecord_LegalHoldRefusesRemoval_ReviewMovesTheDate_RemovalLeavesATombstone()
    {
        await Journey.RunAsync();
        var reference = Journey.Reference;
        Assert.Empty((await CallAsync(HttpMethod.Get, "/records/retention/due")).Body!.AsArray());

        await Journey.TickAsync(ReviewAfter + TimeSpan.FromDays(1));
        var due = (await CallAsync(HttpMethod.Get, "/records/retention/due")).Body!.AsArray();
        Assert.Equal(reference, Assert.Single(due)!["reference"]!.GetValue<string>());

        // the approvers' channel hears how many are past review, and where the export is
        var command = await Host.PostActivityAsync(Activities.Channel(Journey.Channel.ServiceUrl, "message", "records", "29:approver-a", RecordsJourney.ApproverAad));
        command.EnsureSuccessStatusCode();
        var reply = await Journey.Channel.WaitForAsync(c => c.Text?.Contains("Information-sharing records", StringComparison.Ordinal) == true);
        Assert.Contains("- Approved: 1", reply.Text, StringComparison.Ordinal);
        Assert.Contains("- Past their review date: 1", reply.Text, StringComparison.Ordinal);
        Assert.Contains("https://bot.example.org/records/export.csv", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Records.Read", reply.Text, StringComparison.Ordinal);

        // legal hold: removal refused (and audited) until it is released
        var before = (await Host.AuditAsync()).FindLastIndex(e => e.Action == "export-retention-due");
        var held = await CallAsync(HttpMethod.Put, $"/records/{reference}/legal-hold", new JsonObject { ["legalHold"] = true });
        Assert.Equal(HttpStatusCode.OK, held.Status);
        Assert.True(held.Body!["retention"]!["legalHold"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(HttpMethod.Put, $"/records/{reference}/legal-hold", new JsonObject { ["legalHold"] = true })).Status); // unchanged: no entry
        var refused = await CallAsync(HttpMethod.Delete, $"/records/{reference}/content");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("legal hold", refused.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(HttpMethod.Put, $"/records/{reference}/legal-hold", new JsonObject { ["legalHold"] = false })).Status);
        Assert.Equal(["export-retention-due", "legal-hold-set", "retention-refused", "legal-hold-released"], await NewAuditActionsAsync(before));
        Assert.Equal("on-legal-hold", JsonNode.Parse((await Host.AuditAsync()).Single(e => e.Action == "retention-refused").Details!)!["reason"]!.GetValue<string>());

        // review: a past date is refused; no date uses the type's interval from now; the record is no longer due
        var past = await CallAsync(HttpMethod.Post, $"/records/{reference}/review", new JsonObject { ["nextReviewDate"] = "2026-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, past.Status);
        Assert.NotNull(past.Body!["errors"]!["nextReviewDate"]);
        var reviewed = await CallAsync(HttpMethod.Post, $"/records/{reference}/review");
        Assert.Equal(HttpStatusCode.OK, reviewed.Status);
        var now = Host.Clock.GetUtcNow().UtcDateTime;
        var row = await RowAsync();
        Assert.Equal(now + ReviewAfter, row.ReviewDate);
        Assert.Equal(now, row.ReviewedAt);
        Assert.Empty((await CallAsync(HttpMethod.Get, "/records/retention/due")).Body!.AsArray());
        var notDue = await CallAsync(HttpMethod.Delete, $"/records/{reference}/content");
        Assert.Equal(HttpStatusCode.Conflict, notDue.Status);
        Assert.Contains("not due for review", notDue.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // due again: the personal content is removed, the row stays as a tombstone
        await Journey.TickAsync(ReviewAfter + TimeSpan.FromDays(1));
        var removed = await CallAsync(HttpMethod.Delete, $"/records/{reference}/content");
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.NotNull(removed.Body!["retention"]!["contentDeletedAtUtc"]);

        var tombstone = await RowAsync();
        Assert.Equal(("[removed]", "{}", RequestStatus.Approved, reference), (tombstone.CaseReference, tombstone.AnswersJson, tombstone.Status, tombstone.Reference));
        Assert.Equal(Host.Clock.GetUtcNow().UtcDateTime, tombstone.ContentDeletedAt);
        Assert.Equal("[removed]", JsonSerializer.Deserialize(tombstone.SummaryJson, ApprovalsJsonContext.Default.ApprovalSummary)!.CaseReference);
        Assert.Empty(JsonSerializer.Deserialize(tombstone.DetailJson, ApprovalsJsonContext.Default.ApprovalDetail)!.Sections);
        var actions = await Host.QueryAsync(db => db.ApprovalActions.AsNoTracking().Where(a => a.RequestId == tombstone.Id).ToListAsync());
        Assert.Equal(6, actions.Count); // who did what, and when, is kept
        Assert.All(actions, a => Assert.Null(a.Text ?? a.Conditions));
        var stored = await Host.QueryAsync(async db => string.Join("\n",
            (await db.Requests.AsNoTracking().Select(r => r.AnswersJson + r.SummaryJson + r.DetailJson + r.CaseReference + r.OutcomeJson).ToListAsync())
            .Concat(await db.Outbox.AsNoTracking().Select(o => o.PayloadJson).ToListAsync())));
        foreach (var text in (string[])["CS-123456", "referral summaries", "PR-2026-77", "taught the young person", "secure email only"])
        {
            Assert.DoesNotContain(text, stored, StringComparison.Ordinal);
        }

        var document = (await CallAsync(HttpMethod.Get, $"/records/{reference}")).Body!;
        Assert.Null(document["answers"]);
        Assert.Equal("approved", document["decision"]!["outcome"]!.GetValue<string>());
        using var caseFile = await Host.GetAsync($"/records/{reference}/case-file", Manager);
        var markdown = await caseFile.Content.ReadAsStringAsync();
        Assert.Contains("The personal content of this record was removed on", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("CS-123456", markdown, StringComparison.Ordinal);

        var again = await CallAsync(HttpMethod.Delete, $"/records/{reference}/content");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);

        var trail = await Host.AuditAsync();
        Assert.Single(trail, e => e.Action == "content-deleted" && e.Actor == EntraIssuer.AuditorOid);
        Assert.Equal(3, trail.Count(e => e.Action == "retention-refused"));

        // a late click on the old approval card still works on the tombstone, and the chain still verifies
        await Journey.ClickAsync("29:approver-a", RecordsJourney.ApproverAad, "Arnold Approver", "details");
        var verify = (await CallAsync(HttpMethod.Get, "/records/audit/verify")).Body!;
        Assert.True(verify["intact"]!.GetValue<bool>(), verify.ToJsonString());
    }

    [Fact]
    public async Task RemoveContent_UndecidedRecord_IsRefusedAndAudited()
    {
        var s = RecordSeeds.Submission("CS-555555", "prevent", new DateTimeOffset(2020, 1, 6, 10, 0, 0, TimeSpan.Zero), "The referral summary.", "An assessment can be made.");
        var pending = RecordSeeds.Row("ISR-2020-0001", s);
        pending.ReviewDate = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await RecordSeeds.SeedAsync(Host, [pending]);

        var refused = await CallAsync(HttpMethod.Delete, "/records/ISR-2020-0001/content");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("awaiting decision", refused.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var entry = (await Host.AuditAsync())[^1];
        Assert.Equal(("retention-refused", "not-decided"), (entry.Action, JsonNode.Parse(entry.Details!)!["reason"]!.GetValue<string>()));
        Assert.Equal("CS-555555", (await Host.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Reference == "ISR-2020-0001"))).CaseReference);
        Assert.Equal(HttpStatusCode.NotFound, (await CallAsync(HttpMethod.Delete, "/records/ISR-2020-0404/content")).Status);
    }
}

public sealed class SqliteRetentionTests : RetentionTests
{
    protected override Task<RecordsDatabase> DatabaseAsync() => Task.FromResult(RecordsDatabase.Sqlite);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRetentionTests(PostgresServer server) : RetentionTests
{
    protected override Task<RecordsDatabase> DatabaseAsync() => RecordsDatabase.PostgresAsync(server);
}
