using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Approvals;

/// <summary>Adds and cancels reminders inside the caller's unit of work, so they commit (or not) with the change they follow.</summary>
public sealed class ScheduledJobs(BotDbContext db, TimeProvider time)
{
    public void Schedule(Guid recordId, IEnumerable<PlannedJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var job in jobs)
        {
            db.ScheduledJobs.Add(new ScheduledJobRow
            {
                Id = Guid.CreateVersion7(),
                Kind = job.Kind,
                RequestId = recordId,
                Sequence = job.Sequence,
                DueAt = job.DueAt.UtcDateTime,
                Status = JobStatus.Pending,
                CreatedAt = now,
            });
        }
    }

    /// <summary>Cancels the record's pending jobs (of these kinds, or all): nothing fires after a decision.</summary>
    public Task<int> CancelAsync(Guid recordId, string reason, CancellationToken cancellationToken, params string[] kinds)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var query = db.ScheduledJobs.Where(j => j.RequestId == recordId && j.Status == JobStatus.Pending);
        if (kinds.Length > 0)
        {
            query = query.Where(j => kinds.Contains(j.Kind));
        }

        return query.ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Cancelled)
            .SetProperty(j => j.CompletedAt, now)
            .SetProperty(j => j.Result, reason), cancellationToken);
    }

    /// <summary>Brings the record's escalation forward to now (a new one when it has already fired): no one else may decide it.</summary>
    public async Task EscalateNowAsync(Guid recordId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var moved = await db.ScheduledJobs
            .Where(j => j.RequestId == recordId && j.Kind == JobKinds.ApproverEscalation && j.Status == JobStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.DueAt, now.UtcDateTime), cancellationToken);
        if (moved == 0)
        {
            var last = await db.ScheduledJobs.Where(j => j.RequestId == recordId && j.Kind == JobKinds.ApproverEscalation).MaxAsync(j => (int?)j.Sequence, cancellationToken) ?? 0;
            Schedule(recordId, [new PlannedJob(JobKinds.ApproverEscalation, last + 1, now)]);
        }
    }

    public Task CancelApproverJobsAsync(Guid recordId, string reason, CancellationToken cancellationToken) =>
        CancelAsync(recordId, reason, cancellationToken, JobKinds.ApproverReminder, JobKinds.ApproverEscalation);
}
