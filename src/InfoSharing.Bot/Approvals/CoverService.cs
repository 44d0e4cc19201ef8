using System.Text.Json.Nodes;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// An approver's absence with cover (domain.md §7.1): `away until &lt;date&gt; cover &lt;colleague&gt;` stores it (durable, audited),
/// `back` ends it. While it runs, <see cref="ApproverDirectory"/> gives the cover the away approver's kinds, and
/// reminders and escalations go to the cover.
/// </summary>
public sealed class CoverService(BotDbContext db, UnitOfWork unitOfWork, AuditLog audit, ApproverDirectory directory, TimeProvider time)
{
    public const string AuditSet = "cover-set";
    public const string AuditEnded = "cover-ended";

    /// <summary>Sets <paramref name="away"/> (approver kinds resolved) away until the end of <paramref name="until"/> (UK), covered by the team member named or mentioned.</summary>
    public async Task<string> AwayAsync(Actor away, DateOnly until, string? coverUserId, string? coverName, string? serviceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(away);
        if (away.Kinds == ApproverKind.None)
        {
            return "Only approvers can set cover.";
        }

        var now = time.GetUtcNow();
        if (until < UkTime.Today(now))
        {
            return $"{UkTime.FormatDate(until)} has passed; give the last day you are away, e.g. `away until {UkTime.FormatDate(UkTime.Today(now).AddDays(7))} cover <colleague>`.";
        }

        var member = await directory.FindMemberAsync(coverUserId, coverName, cancellationToken);
        if (member?.EntraObjectId is not { } coverId)
        {
            return $"{coverName ?? "That colleague"} was not found in the approvers' team. Name them as Teams shows them, or @mention them.";
        }

        var name = string.IsNullOrWhiteSpace(member.Name) ? coverName ?? "your colleague" : member.Name;
        if (string.Equals(coverId, away.ObjectId, StringComparison.OrdinalIgnoreCase))
        {
            return "You cannot cover for yourself; name a colleague.";
        }

        var cover = await directory.ResolveAsync(new Actor(coverId, member.Id, name), serviceUrl, cancellationToken);
        if (cover.Kinds == ApproverKind.None)
        {
            return $"{name} is not an approver, so they cannot cover for you.";
        }

        var end = UkTime.EndOfDayUtc(until).UtcDateTime;
        await unitOfWork.ExecuteAsync(async ct =>
        {
            await EndAsync(away.ObjectId, now.UtcDateTime, ct);
            db.ApproverCovers.Add(new ApproverCoverRow
            {
                Id = Guid.CreateVersion7(),
                ApproverAadObjectId = away.ObjectId,
                ApproverName = away.Name,
                CoverAadObjectId = coverId,
                CoverUserId = member.Id,
                CoverName = name,
                Until = end,
                SetAt = now.UtcDateTime,
            });
            await audit.AppendAsync(away.ObjectId, AuditSet, "approver", away.ObjectId, new JsonObject
            {
                ["cover"] = coverId,
                ["until"] = end.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }, ct);
            return 0;
        }, cancellationToken);
        return $"Recorded: you are away until the end of {UkTime.FormatDate(until)} and {name} covers for you. While you are away they may decide "
            + "what you could, and reminders and escalations go to them instead of you. Type `back` when you return.";
    }

    /// <summary>Ends <paramref name="who"/>'s running absence, if any.</summary>
    public async Task<string> BackAsync(Actor who, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        var now = time.GetUtcNow().UtcDateTime;
        var covers = await db.ApproverCovers.AsNoTracking()
            .Where(c => c.ApproverAadObjectId == who.ObjectId && c.EndedAt == null && c.Until > now).Select(c => c.CoverName).ToListAsync(cancellationToken);
        if (covers.Count == 0)
        {
            return "You have no cover set, so nothing changed.";
        }

        await unitOfWork.ExecuteAsync(async ct =>
        {
            await EndAsync(who.ObjectId, now, ct);
            await audit.AppendAsync(who.ObjectId, AuditEnded, "approver", who.ObjectId, new JsonObject { ["ended"] = covers.Count }, ct);
            return 0;
        }, cancellationToken);
        return $"Welcome back: {string.Join(" and ", covers)} no longer covers for you, and reminders and escalations come to you again.";
    }

    private Task<int> EndAsync(string objectId, DateTime now, CancellationToken ct) =>
        db.ApproverCovers.Where(c => c.ApproverAadObjectId == objectId && c.EndedAt == null && c.Until > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.EndedAt, now), ct);
}
