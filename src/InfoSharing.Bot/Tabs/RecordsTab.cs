using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Records.Export;
using InfoSharing.Bot.Records.Retention;
using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Tabs;

/// <summary>
/// The Records tab over the records export's own parts: the filter (<see cref="RecordFilterParser"/>), queries
/// (<see cref="RecordQuery"/>), documents, CSV and case file, the audit chain's verification and retention
/// (<see cref="RetentionService"/>, Records.Manage). Every view and export is written to the audit trail first, as on
/// <c>/records</c>.
/// </summary>
public static class RecordsTab
{
    public static RouteGroupBuilder MapRecordsTab(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/records", (HttpContext http, TabQueries queries, RecordsAuditTrail audit, PolicyDocument policy, CancellationToken ct) =>
            TabsEndpoints.Page(http, TabPage.Records, async (viewer, token) =>
            {
                if (Filter(http.Request.Query, policy, out var errors) is not { } filter)
                {
                    return RecordsView.List(http.Request.Query, policy, null, errors, viewer.MayManage);
                }

                var page = int.TryParse(http.Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1;
                await audit.AppendAsync(viewer.Caller, AuditActions.ExportList, AuditActions.SubjectRecords, null, new JsonObject { ["filter"] = filter.Describe(), ["page"] = page }, token);
                return RecordsView.List(http.Request.Query, policy, await queries.RecordsAsync(filter, page, token), errors, viewer.MayManage);
            }, ct));
        api.MapGet("/records/export.{format:regex(^(csv|json)$)}", (string format, HttpContext http, RecordQuery query, RecordsAuditTrail audit, PolicyDocument policy, CancellationToken ct) =>
            TabsEndpoints.Guarded(http, TabPage.Records, async (viewer, token) =>
            {
                if (Filter(http.Request.Query, policy, out var errors) is not { } filter)
                {
                    return TabsEndpoints.Fragment(StatusCodes.Status400BadRequest, TabViews.Problem("Filter not accepted", string.Join(" ", errors.Values.SelectMany(v => v))));
                }

                var csv = format == "csv";
                await audit.AppendAsync(viewer.Caller, csv ? AuditActions.ExportCsv : AuditActions.ExportList, AuditActions.SubjectRecords, null, new JsonObject { ["filter"] = filter.Describe() }, token);
                var records = query.StreamAsync(filter, token);
                return csv
                    ? Results.Stream(body => RecordCsv.WriteAsync(records, body, token), "text/csv; charset=utf-8", "records.csv")
                    : Results.Json(ListItems(records, token), contentType: "application/json; charset=utf-8", statusCode: 200);
            }, ct));
        api.MapGet("/records/audit", (HttpContext http, AuditVerification verification, CancellationToken ct) =>
            TabsEndpoints.Page(http, TabPage.Records, async (_, token) => RecordsView.Verification(await verification.VerifyAsync(token)), ct));
        api.MapGet("/records/retention", (HttpContext http, RecordQuery query, RecordsAuditTrail audit, TimeProvider time, CancellationToken ct) =>
            TabsEndpoints.Page(http, TabPage.Records, async (viewer, token) =>
            {
                await audit.AppendAsync(viewer.Caller, AuditActions.ExportRetentionDue, AuditActions.SubjectRecords, null, [], token);
                var due = new List<RecordData>();
                await foreach (var record in query.DueForReviewAsync(time.GetUtcNow().UtcDateTime, token))
                {
                    due.Add(record);
                }

                return RecordsView.Due(due);
            }, ct, manage: true));
        api.MapGet("/records/{reference}", (string reference, HttpContext http, RecordQuery query, RecordsAuditTrail audit, CancellationToken ct) =>
            TabsEndpoints.Page(http, TabPage.Records, (viewer, token) => RecordAsync(http, viewer, reference, query, audit, null, false, token), ct));
        api.MapGet("/records/{reference}/case-file", (string reference, HttpContext http, RecordQuery query, RecordsAuditTrail audit, PolicyDocument policy, TimeProvider time, CancellationToken ct) =>
            TabsEndpoints.Guarded(http, TabPage.Records, async (viewer, token) =>
            {
                if (await query.FindAsync(reference, token) is not { } record)
                {
                    return TabsEndpoints.Fragment(StatusCodes.Status404NotFound, TabViews.Problem("Not found", $"No record {reference}."));
                }

                await audit.AppendAsync(viewer.Caller, AuditActions.ExportCaseFile, AuditActions.SubjectRequest, record.Row.Id.ToString(), new JsonObject { ["reference"] = record.Row.Reference }, token);
                var markdown = CaseFile.Render(record, await query.AuditOfAsync(record, token), policy, new CaseFileExport(time.GetUtcNow().UtcDateTime, viewer.ObjectId, viewer.Name));
                return Results.File(Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", record.Row.Reference + ".md");
            }, ct));
        api.MapPost("/records/{reference}/review", (string reference, HttpContext http, RecordQuery query, RecordsAuditTrail audit, RetentionService retention, CancellationToken ct) =>
            TabsEndpoints.Page(http, TabPage.Records, async (viewer, token) =>
            {
                var form = await http.Request.ReadFormAsync(token);
                DateOnly? next = DateOnly.TryParseExact(form["nextReviewDate"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
                var result = await retention.ReviewAsync(reference, next, viewer.Caller, token);
                return await RecordAsync(http, viewer, reference, query, audit, Said(result, "Review recorded."), result.Outcome is not (RetentionOutcome.Done or RetentionOutcome.Unchanged), token);
            }, ct, manage: true));
        api.MapPost("/records/{reference}/legal-hold", (string reference, HttpContext http, RecordQuery query, RecordsAuditTrail audit, RetentionService retention, CancellationToken ct) =>
            TabsEndpoints.Page(http, TabPage.Records, async (viewer, token) =>
            {
                var form = await http.Request.ReadFormAsync(token);
                var hold = string.Equals(form["legalHold"], "true", StringComparison.Ordinal);
                var result = await retention.SetLegalHoldAsync(reference, hold, viewer.Caller, token);
                return await RecordAsync(http, viewer, reference, query, audit, Said(result, hold ? "Legal hold set." : "Legal hold lifted."), result.Outcome is not (RetentionOutcome.Done or RetentionOutcome.Unchanged), token);
            }, ct, manage: true));
        return api;
    }

    /// <summary>The records export's filter, with the tab's search, requester and purpose, from the query string.</summary>
    public static RecordFilter? Filter(IQueryCollection q, PolicyDocument policy, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(policy);
        var filter = RecordFilterParser.TryParse(q["status"], q["decision"], q["matterType"], q["type"], q["from"], q["to"], out errors);
        return filter is null ? null : RecordFilterParser.TryRefine(filter, q["q"], q["requester"], q["purpose"], [.. policy.Lists.Purposes.Select(p => p.Id)], errors);
    }

    private static async Task<string> RecordAsync(HttpContext http, TabViewer viewer, string reference, RecordQuery query, RecordsAuditTrail audit, string? banner, bool error, CancellationToken ct)
    {
        if (await query.FindAsync(reference, ct) is not { } record)
        {
            return TabViews.Problem("Not found", $"No record {reference}.");
        }

        await audit.AppendAsync(viewer.Caller, AuditActions.ExportRecord, AuditActions.SubjectRequest, record.Row.Id.ToString(), new JsonObject { ["reference"] = record.Row.Reference }, ct);
        var entries = await query.AuditOfAsync(record, ct);
        return RecordsView.Record(RecordDocuments.Record(record, entries), record, banner, error, viewer.MayManage ? TabsEndpoints.AntiforgeryToken(http) : null);
    }

    private static string Said(RetentionResult result, string done) => result.Outcome switch
    {
        RetentionOutcome.Done => done,
        RetentionOutcome.Unchanged => "Nothing to change.",
        _ => result.Message ?? "Refused.",
    };

    private static async IAsyncEnumerable<RecordListItem> ListItems(IAsyncEnumerable<RecordData> records, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            yield return RecordDocuments.ListItem(record.Row);
        }
    }
}
