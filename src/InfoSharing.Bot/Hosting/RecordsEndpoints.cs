using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Records.Access;
using InfoSharing.Bot.Records.Export;
using InfoSharing.Bot.Records.Retention;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Hosting;

/// <summary>
/// The auditors' records API under <c>/records</c> (Entra ID bearer token with an app role; in Development without
/// Records:Auth, loopback only). Every export is audited before its first byte is sent; large exports stream.
/// Also the <c>verify-audit</c> command line switch.
/// </summary>
public static partial class RecordsEndpoints
{
    public static WebApplication MapRecords(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (AuditVerifyCommand.IsRequested(Environment.GetCommandLineArgs()))
        {
            // `dotnet InfoSharing.Bot.dll verify-audit`: check and exit before the host serves anything.
            var code = AuditVerifyCommand.RunAsync(app.Services, Console.Out, CancellationToken.None).GetAwaiter().GetResult();
            Environment.Exit(code);
        }

        var mode = RecordsAuthentication.ModeFor(app.Services.GetRequiredService<IOptions<RecordsOptions>>().Value.Auth, app.Environment);
        Log.Mode(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RecordsEndpoints)), mode);
        app.MapRecordsEndpoints();
        return app;
    }

    public static IEndpointRouteBuilder MapRecordsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var records = endpoints.MapGroup("/records").WithTags("Records").WithMetadata(RecordsEndpointMarker.Instance);

        var read = records.MapGroup("").RequireAuthorization(RecordsAuthentication.ReadPolicy);
        read.MapGet("", ListAsync);
        read.MapGet("/export.csv", CsvAsync);
        read.MapGet("/audit/verify", VerifyAsync);
        read.MapGet("/{reference}", RecordAsync);
        read.MapGet("/{reference}/case-file", CaseFileAsync);

        var manage = records.MapGroup("").RequireAuthorization(RecordsAuthentication.ManagePolicy);
        manage.MapGet("/retention/due", DueAsync);
        manage.MapPost("/{reference}/review", ReviewAsync);
        manage.MapPut("/{reference}/legal-hold", LegalHoldAsync);
        manage.MapDelete("/{reference}/content", RemoveContentAsync);
        return endpoints;
    }

    internal static async Task<Results<Ok<IAsyncEnumerable<RecordListItem>>, ValidationProblem>> ListAsync(
        string? status, string? decision, string? matterType, string? type, string? from, string? to,
        HttpContext http, RecordQuery query, RecordsAuditTrail audit, CancellationToken cancellationToken)
    {
        if (RecordFilterParser.TryParse(status, decision, matterType, type, from, to, out var errors) is not { } filter)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await audit.AppendAsync(RecordsCaller.From(http.User), AuditActions.ExportList, AuditActions.SubjectRecords, null, new JsonObject { ["filter"] = filter.Describe() }, cancellationToken);
        return TypedResults.Ok(ListItems(query.StreamAsync(filter, cancellationToken), cancellationToken));
    }

    internal static async Task<Results<PushStreamHttpResult, ValidationProblem>> CsvAsync(
        string? status, string? decision, string? matterType, string? type, string? from, string? to,
        HttpContext http, RecordQuery query, RecordsAuditTrail audit, CancellationToken cancellationToken)
    {
        if (RecordFilterParser.TryParse(status, decision, matterType, type, from, to, out var errors) is not { } filter)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await audit.AppendAsync(RecordsCaller.From(http.User), AuditActions.ExportCsv, AuditActions.SubjectRecords, null, new JsonObject { ["filter"] = filter.Describe() }, cancellationToken);
        return TypedResults.Stream(body => RecordCsv.WriteAsync(query.StreamAsync(filter, cancellationToken), body, cancellationToken), "text/csv; charset=utf-8", "records.csv");
    }

    internal static async Task<Results<Ok<DecisionRecordDocument>, ProblemHttpResult>> RecordAsync(
        string reference, HttpContext http, RecordQuery query, RecordsAuditTrail audit, CancellationToken cancellationToken)
    {
        if (await query.FindAsync(reference, cancellationToken) is not { } record)
        {
            return NotFound(reference);
        }

        await audit.AppendAsync(RecordsCaller.From(http.User), AuditActions.ExportRecord, AuditActions.SubjectRequest, record.Row.Id.ToString(),
            new JsonObject { ["reference"] = record.Row.Reference }, cancellationToken);
        var entries = await query.AuditOfAsync(record, cancellationToken);
        return TypedResults.Ok(RecordDocuments.Record(record, entries));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CaseFileAsync(
        string reference, HttpContext http, RecordQuery query, RecordsAuditTrail audit, PolicyDocument policy, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await query.FindAsync(reference, cancellationToken) is not { } record)
        {
            return NotFound(reference);
        }

        var caller = RecordsCaller.From(http.User);
        await audit.AppendAsync(caller, AuditActions.ExportCaseFile, AuditActions.SubjectRequest, record.Row.Id.ToString(),
            new JsonObject { ["reference"] = record.Row.Reference }, cancellationToken);
        var entries = await query.AuditOfAsync(record, cancellationToken);
        var markdown = CaseFile.Render(record, entries, policy, new CaseFileExport(time.GetUtcNow().UtcDateTime, caller.ActorId, caller.Name));
        return TypedResults.File(Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", record.Row.Reference + ".md");
    }

    internal static async Task<Ok<AuditVerificationReport>> VerifyAsync(AuditVerification verification, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verification.VerifyAsync(cancellationToken));

    internal static async Task<Ok<IAsyncEnumerable<RecordListItem>>> DueAsync(
        HttpContext http, RecordQuery query, RecordsAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await audit.AppendAsync(RecordsCaller.From(http.User), AuditActions.ExportRetentionDue, AuditActions.SubjectRecords, null, [], cancellationToken);
        return TypedResults.Ok(ListItems(query.DueForReviewAsync(now, cancellationToken), cancellationToken));
    }

    internal static async Task<Results<Ok<RecordListItem>, ProblemHttpResult, ValidationProblem>> ReviewAsync(
        string reference, [FromBody] ReviewRequest? body, HttpContext http, RetentionService retention, CancellationToken cancellationToken) =>
        Answer(reference, await retention.ReviewAsync(reference, body?.NextReviewDate, RecordsCaller.From(http.User), cancellationToken));

    internal static async Task<Results<Ok<RecordListItem>, ProblemHttpResult, ValidationProblem>> LegalHoldAsync(
        string reference, LegalHoldRequest body, HttpContext http, RetentionService retention, CancellationToken cancellationToken) =>
        Answer(reference, await retention.SetLegalHoldAsync(reference, body.LegalHold, RecordsCaller.From(http.User), cancellationToken));

    internal static async Task<Results<Ok<RecordListItem>, ProblemHttpResult, ValidationProblem>> RemoveContentAsync(
        string reference, HttpContext http, RetentionService retention, CancellationToken cancellationToken) =>
        Answer(reference, await retention.RemoveContentAsync(reference, RecordsCaller.From(http.User), cancellationToken));

    private static Results<Ok<RecordListItem>, ProblemHttpResult, ValidationProblem> Answer(string reference, RetentionResult result) => result.Outcome switch
    {
        RetentionOutcome.Done or RetentionOutcome.Unchanged when result.Row is { } row => TypedResults.Ok(RecordDocuments.ListItem(row)),
        RetentionOutcome.InvalidDate => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["nextReviewDate"] = [result.Message ?? "Invalid date."] }),
        RetentionOutcome.NotFound => NotFound(reference),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refused", detail: result.Message),
    };

    private static ProblemHttpResult NotFound(string reference) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No record {reference}.");

    private static async IAsyncEnumerable<RecordListItem> ListItems(IAsyncEnumerable<RecordData> records, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            yield return RecordDocuments.ListItem(record.Row);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Records export access: {Mode}")]
        public static partial void Mode(ILogger logger, RecordsAccessMode mode);
    }
}
