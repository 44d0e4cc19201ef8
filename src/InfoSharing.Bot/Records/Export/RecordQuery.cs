using System.Runtime.CompilerServices;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Records.Export;

/// <summary>
/// Reads decision records for the export. Many records are streamed a page at a time (keyset on creation time and
/// reference; each page's approver actions in one query), so memory stays bounded by the page, not the export.
/// </summary>
public sealed class RecordQuery(BotDbContext db)
{
    public const int PageSize = 200;

    /// <summary>Every record matching <paramref name="filter"/>, oldest first.</summary>
    public async IAsyncEnumerable<RecordData> StreamAsync(RecordFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await foreach (var page in PagesAsync(Apply(db.Requests.AsNoTracking(), filter), cancellationToken))
        {
            foreach (var record in page)
            {
                yield return record;
            }
        }
    }

    /// <summary>Records whose review date has passed (or was never set) and whose content is still held, oldest first.</summary>
    public async IAsyncEnumerable<RecordData> DueForReviewAsync(DateTime now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var due = db.Requests.AsNoTracking().Where(r => r.ContentDeletedAt == null && (r.ReviewDate == null || r.ReviewDate <= now));
        await foreach (var page in PagesAsync(due, cancellationToken))
        {
            foreach (var record in page)
            {
                yield return record;
            }
        }
    }

    /// <summary>One record by its reference (e.g. ISR-2026-0042) or id.</summary>
    public async Task<RecordData?> FindAsync(string referenceOrId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referenceOrId);
        var row = Guid.TryParse(referenceOrId, out var id)
            ? await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            : await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Reference == referenceOrId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var actions = await db.ApprovalActions.AsNoTracking().Where(a => a.RequestId == row.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return new RecordData(row, actions);
    }

    /// <summary>The audit entries about a record: the request's own and its draft's (created, edited …), in order.</summary>
    public Task<List<AuditEntryRow>> AuditOfAsync(RecordData record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var requestId = record.Row.Id.ToString();
        var draftId = record.Submission?.DraftId;
        return db.AuditEntries.AsNoTracking()
            .Where(e => (e.SubjectType == AuditActions.SubjectRequest && e.SubjectId == requestId)
                        || (draftId != null && e.SubjectType == AuditActions.SubjectDraft && e.SubjectId == draftId))
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
    }

    public static IQueryable<InfoRequestRow> Apply(IQueryable<InfoRequestRow> query, RecordFilter filter)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.Decision is "none")
        {
            query = query.Where(r => r.Decision == null);
        }
        else if (filter.Decision is { } decision)
        {
            query = query.Where(r => r.Decision == decision);
        }

        if (filter.MatterType is { } matterType)
        {
            query = query.Where(r => r.MatterType == matterType);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(r => r.Kind == type);
        }

        if (filter.SubmittedFromUtc is { } from)
        {
            query = query.Where(r => r.SubmittedAt >= from);
        }

        if (filter.SubmittedToUtc is { } to)
        {
            query = query.Where(r => r.SubmittedAt < to);
        }

        if (filter.Search is { } search)
        {
            query = query.Where(r => r.Reference == search || r.CaseReference == search || r.Reference.StartsWith(search) || r.CaseReference.StartsWith(search));
        }

        if (filter.Requester is { } requester)
        {
            query = query.Where(r => r.RequesterAadObjectId == requester || (r.RequesterName != null && r.RequesterName.StartsWith(requester)));
        }

        if (filter.PurposeId is { } purpose)
        {
            // the purpose ids are policy identifiers (validated), stored quoted in the answers' purposeIds array
            var quoted = "\"" + purpose + "\"";
            query = query.Where(r => r.AnswersJson.Contains(quoted));
        }

        return query;
    }

    private async IAsyncEnumerable<IReadOnlyList<RecordData>> PagesAsync(IQueryable<InfoRequestRow> query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DateTime? afterCreated = null;
        string? afterReference = null;
        while (true)
        {
            var pageQuery = query;
            if (afterCreated is { } at && afterReference is { } reference)
            {
                pageQuery = pageQuery.Where(r => r.CreatedAt > at || (r.CreatedAt == at && string.Compare(r.Reference, reference) > 0));
            }

            var rows = await pageQuery.OrderBy(r => r.CreatedAt).ThenBy(r => r.Reference).Take(PageSize).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                yield break;
            }

            var ids = rows.Select(r => r.Id).ToList();
            var actions = (await db.ApprovalActions.AsNoTracking().Where(a => ids.Contains(a.RequestId)).OrderBy(a => a.Id).ToListAsync(cancellationToken))
                .ToLookup(a => a.RequestId);
            yield return [.. rows.Select(r => new RecordData(r, [.. actions[r.Id]]))];
            if (rows.Count < PageSize)
            {
                yield break;
            }

            afterCreated = rows[^1].CreatedAt;
            afterReference = rows[^1].Reference;
        }
    }
}
