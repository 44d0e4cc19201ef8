using InfoSharing.Bot.Auth;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Records.Export;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Tabs;

/// <summary>
/// What the tabs read: the approvers' queue, a page of the records list (the records export's own filter,
/// <see cref="RecordQuery.Apply"/>, counted and paged on the server) and a practitioner's own requests and drafts.
/// </summary>
public sealed class TabQueries(BotDbContext db, IOptionsMonitor<TabsOptions> options, IOptions<BotCredentialsOptions> bot)
{
    /// <summary>The bot's app id, for the deep link into its 1:1 chat (null when the bot runs without credentials).</summary>
    public string? BotAppId => bot.Value.MicrosoftAppId;

    /// <summary>Requests awaiting a decision (or the practitioner's answer), oldest deadline first, then oldest submitted.</summary>
    public async Task<IReadOnlyList<InfoRequestRow>> QueueAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Requests.AsNoTracking()
            .Where(r => r.Kind == RecordKinds.Request && (r.Status == RequestStatus.Pending || r.Status == RequestStatus.MoreInfoRequested))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Deadline ?? DateTime.MaxValue).ThenBy(r => r.SubmittedAt ?? r.CreatedAt).ThenBy(r => r.Reference, StringComparer.Ordinal)];
    }

    /// <summary>One page (1-based) of the records matching <paramref name="filter"/>, newest first, and how many match.</summary>
    public async Task<TabRecordPage> RecordsAsync(RecordFilter filter, int page, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(options.CurrentValue.PageSize, 10, 200);
        var query = RecordQuery.Apply(db.Requests.AsNoTracking(), filter);
        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + size - 1) / size);
        page = Math.Clamp(page, 1, pages);
        var rows = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Reference)
            .Skip((page - 1) * size).Take(size)
            .Select(r => new TabRecordRow(r.Reference, r.Kind, r.Status, r.MatterType, r.CaseReference, r.RequesterName, r.SubmittedAt ?? r.CreatedAt, r.Decision, r.DecidedAt, r.LegalHold, r.ReviewDate))
            .ToListAsync(cancellationToken);
        return new TabRecordPage(rows, total, page, pages);
    }

    /// <summary>A practitioner's own records (newest first) and the drafts they have not submitted.</summary>
    public async Task<MyRequests> MineAsync(string objectId, CancellationToken cancellationToken)
    {
        var rows = await db.Requests.AsNoTracking().Where(r => r.RequesterAadObjectId == objectId)
            .OrderByDescending(r => r.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var actions = (await db.ApprovalActions.AsNoTracking().Where(a => ids.Contains(a.RequestId)).OrderBy(a => a.Id).ToListAsync(cancellationToken)).ToLookup(a => a.RequestId);
        var states = await db.DialogStates.AsNoTracking().Where(d => d.UserAadObjectId == objectId).OrderByDescending(d => d.UpdatedAt).ToListAsync(cancellationToken);
        var drafts = states.Select(s => DialogStateJson.TryDeserialize(s.StateJson, out var state) ? state : null).OfType<DialogState>()
            .Select(s => new MyDraft(s.DraftId, s.Step, s.Answers.About?.CaseReference, s.UpdatedAt, s.ExpiresAt)).ToList();
        return new MyRequests([.. rows.Select(r => new RecordData(r, [.. actions[r.Id]]))], drafts);
    }
}

/// <summary>One line of the records list (no free text).</summary>
public sealed record TabRecordRow(string Reference, string Kind, string Status, string MatterType, string CaseReference, string? RequesterName, DateTime SubmittedAt,
    string? Decision, DateTime? DecidedAt, bool LegalHold, DateTime? ReviewDate);

public sealed record TabRecordPage(IReadOnlyList<TabRecordRow> Rows, int Total, int Page, int Pages);

public sealed record MyDraft(string DraftId, DialogStep Step, string? CaseReference, DateTimeOffset UpdatedAt, DateTimeOffset ExpiresAt);

public sealed record MyRequests(IReadOnlyList<RecordData> Records, IReadOnlyList<MyDraft> Drafts);
