using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Records.Access;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Records.Retention;

/// <summary>
/// The auditor's retention actions, each with exactly one audit entry (refusals too): mark a record reviewed with a
/// new review date, place or release a legal hold, and remove a due record's personal content while keeping the row
/// as a tombstone (reference, type, dates, decision, retention and the audit trail). Never deletes on its own.
/// </summary>
public sealed class RetentionService(BotDbContext db, UnitOfWork unitOfWork, AuditLog audit, RecordRetention retention, TimeProvider time)
{
    public const string RemovedMarker = "[removed]";

    /// <summary>Runs <paramref name="change"/> on the record with this reference in one unit of work (not found: nothing runs).</summary>
    private Task<RetentionResult> OnRecordAsync(string reference, Func<InfoRequestRow, CancellationToken, Task<RetentionResult>> change, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(async ct => await FindAsync(reference, ct) is { } row
            ? await change(row, ct)
            : new RetentionResult(RetentionOutcome.NotFound, null), cancellationToken);

    public Task<RetentionResult> ReviewAsync(string reference, DateOnly? nextReviewDate, RecordsCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return OnRecordAsync(reference, async (row, ct) =>
        {
            var now = Now();
            if (row.ContentDeletedAt is not null)
            {
                return await RefuseAsync(row, caller, "review", RetentionOutcome.AlreadyRemoved, $"The personal content of {row.Reference} was already removed; it needs no further review.", ct);
            }

            DateTime next;
            if (nextReviewDate is { } date)
            {
                next = UkTime.EndOfDayUtc(date.AddDays(-1)).UtcDateTime;
                if (next <= now)
                {
                    return new RetentionResult(RetentionOutcome.InvalidDate, row, "nextReviewDate must be a future date.");
                }
            }
            else
            {
                next = retention.ReviewDateFor(row.Kind, now);
            }

            await UpdateAsync(row, s => s.SetProperty(r => r.ReviewDate, next).SetProperty(r => r.ReviewedAt, now), ct);
            await audit.AppendAsync(caller.ActorId, AuditActions.RetentionReviewed, AuditActions.SubjectRequest, row.Id.ToString(), caller.Details(new JsonObject
            {
                ["reference"] = row.Reference,
                ["from"] = Utc(row.ReviewDate),
                ["to"] = Utc(next),
            }), ct);
            return new RetentionResult(RetentionOutcome.Done, await FindAsync(reference, ct));
        }, cancellationToken);
    }

    public Task<RetentionResult> SetLegalHoldAsync(string reference, bool legalHold, RecordsCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return OnRecordAsync(reference, async (row, ct) =>
        {
            if (row.LegalHold == legalHold)
            {
                return new RetentionResult(RetentionOutcome.Unchanged, row);
            }

            await UpdateAsync(row, s => s.SetProperty(r => r.LegalHold, legalHold), ct);
            await audit.AppendAsync(caller.ActorId, legalHold ? AuditActions.LegalHoldSet : AuditActions.LegalHoldReleased, AuditActions.SubjectRequest, row.Id.ToString(),
                caller.Details(new JsonObject { ["reference"] = row.Reference }), ct);
            return new RetentionResult(RetentionOutcome.Done, await FindAsync(reference, ct));
        }, cancellationToken);
    }

    public Task<RetentionResult> RemoveContentAsync(string reference, RecordsCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return OnRecordAsync(reference, async (row, ct) =>
        {
            var now = Now();
            if (row.ContentDeletedAt is { } removed)
            {
                return await RefuseAsync(row, caller, "remove-content", RetentionOutcome.AlreadyRemoved,
                    $"The personal content of {row.Reference} was already removed on {UkTime.Format(new DateTimeOffset(removed))}.", ct);
            }

            if (row.LegalHold)
            {
                return await RefuseAsync(row, caller, "remove-content", RetentionOutcome.OnLegalHold, $"{row.Reference} is on legal hold: release the hold first.", ct);
            }

            if (!RequestStatus.IsDecided(row.Status))
            {
                return await RefuseAsync(row, caller, "remove-content", RetentionOutcome.NotDecided, $"{row.Reference} is still {RequestStatus.Title(row.Status).ToLowerInvariant()}.", ct);
            }

            if (row.ReviewDate is { } due && due > now)
            {
                return await RefuseAsync(row, caller, "remove-content", RetentionOutcome.NotDue,
                    $"{row.Reference} is not due for review until {UkTime.FormatDate(UkTime.Today(new DateTimeOffset(due)))}.", ct);
            }

            var summary = TombstoneSummary(row);
            await UpdateAsync(row, s => s
                .SetProperty(r => r.CaseReference, RemovedMarker)
                .SetProperty(r => r.AnswersJson, "{}")
                .SetProperty(r => r.SummaryJson, summary)
                .SetProperty(r => r.DetailJson, "{\"sections\":[]}")
                .SetProperty(r => r.OutcomeJson, (string?)null)
                .SetProperty(r => r.DeliveryProblem, (string?)null)
                .SetProperty(r => r.ContentDeletedAt, now), ct);
            await db.ApprovalActions.Where(a => a.RequestId == row.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Text, (string?)null).SetProperty(a => a.Conditions, (string?)null), ct);
            await db.Outbox.Where(o => o.RequestId == row.Id && o.Status != OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.PayloadJson, "{}").SetProperty(o => o.LastError, (string?)null), ct);
            // Nothing about the person may go out after removal: unsent messages and reminders end here, emptied.
            await db.Outbox.Where(o => o.RequestId == row.Id && o.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.PayloadJson, "{}").SetProperty(o => o.Status, OutboxStatus.Failed)
                    .SetProperty(o => o.LastError, "content removed").SetProperty(o => o.CompletedAt, now), ct);
            await db.ScheduledJobs.Where(j => j.RequestId == row.Id && j.Status == Workflow.JobStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, Workflow.JobStatus.Cancelled)
                    .SetProperty(j => j.CompletedAt, now).SetProperty(j => j.Result, "content removed"), ct);
            await audit.AppendAsync(caller.ActorId, AuditActions.ContentDeleted, AuditActions.SubjectRequest, row.Id.ToString(), caller.Details(new JsonObject
            {
                ["reference"] = row.Reference,
                ["reviewDate"] = Utc(row.ReviewDate),
            }), ct);
            return new RetentionResult(RetentionOutcome.Done, await FindAsync(reference, ct));
        }, cancellationToken);
    }

    private async Task<RetentionResult> RefuseAsync(InfoRequestRow row, RecordsCaller caller, string attempted, RetentionOutcome outcome, string message, CancellationToken ct)
    {
        await audit.AppendAsync(caller.ActorId, AuditActions.RetentionRefused, AuditActions.SubjectRequest, row.Id.ToString(), caller.Details(new JsonObject
        {
            ["reference"] = row.Reference,
            ["attempted"] = attempted,
            ["reason"] = JsonNamingPolicy.KebabCaseLower.ConvertName(outcome.ToString()),
        }), ct);
        return new RetentionResult(outcome, row, message);
    }

    /// <summary>A compare-and-set on the record's revision: a concurrent change makes the unit of work run again.</summary>
    private async Task UpdateAsync(InfoRequestRow row, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<InfoRequestRow>> set, CancellationToken ct)
    {
        var revision = row.Revision;
        var changed = await db.Requests.Where(r => r.Id == row.Id && r.Revision == revision)
            .ExecuteUpdateAsync(s =>
            {
                set(s);
                s.SetProperty(r => r.Revision, revision + 1);
            }, ct);
        if (changed == 0)
        {
            throw new DbUpdateConcurrencyException($"{row.Reference} changed while its retention was being updated");
        }
    }

    private Task<InfoRequestRow?> FindAsync(string reference, CancellationToken ct) =>
        Guid.TryParse(reference, out var id)
            ? db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
            : db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Reference == reference, ct);

    private static string TombstoneSummary(InfoRequestRow row)
    {
        ApprovalSummary? summary;
        try
        {
            summary = JsonSerializer.Deserialize(row.SummaryJson, ApprovalsJsonContext.Default.ApprovalSummary);
        }
        catch (JsonException)
        {
            summary = null;
        }

        summary = summary is null
            ? new ApprovalSummary
            {
                Reference = row.Reference, CaseReference = RemovedMarker, MatterType = row.MatterType, Urgency = row.Urgency ?? "—",
                RequesterName = row.RequesterName ?? "—", Categories = [], RecipientType = "—", Purposes = [], LegalBasis = "—",
                ConsentStatus = "—", Warnings = [], PolicyVersion = row.PolicyVersion,
            }
            : summary with { CaseReference = RemovedMarker, Warnings = [] };
        return JsonSerializer.Serialize(summary, ApprovalsJsonContext.Default.ApprovalSummary);
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static string? Utc(DateTime? t) => t?.ToString("O", CultureInfo.InvariantCulture);
}
