using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// Fires due reminders and escalations from the durable <c>scheduled_jobs</c> table. A job is claimed with a
/// compare-and-set lease (so instances sharing a database never work on the same job at once), then completed by a
/// second compare-and-set on its claim inside the same transaction as what it sends (outbox rows, audit entry, the
/// next reminder): a job whose lease ran out and was claimed again can no longer complete, so each job fires once.
/// At fire time the record is read again, so nothing is sent after a decision or once the record is complete.
/// </summary>
public sealed partial class ReminderScheduler(
    IServiceScopeFactory scopes,
    ReminderSignal signal,
    TimeProvider time,
    IOptionsMonitor<SafeguardingOptions> options,
    ILogger<ReminderScheduler> logger) : LeasedQueueWorker(signal, logger)
{
    protected override string QueueName => "reminder";

    protected override bool Enabled => options.CurrentValue.Reminders.Enabled;

    protected override TimeSpan PollInterval => options.CurrentValue.Reminders.PollInterval;

    /// <summary>Claims and fires the jobs due now; returns how many it claimed.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue.Reminders;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<BotDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.ScheduledJobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Pending && j.DueAt <= now && (j.LockedUntil == null || j.LockedUntil < now))
            .OrderBy(j => j.DueAt)
            .Take(o.BatchSize)
            .Select(j => j.Id)
            .ToListAsync(cancellationToken);

        var claimedCount = 0;
        foreach (var id in due)
        {
            now = time.GetUtcNow().UtcDateTime;
            var claim = $"{Owner}:{Guid.NewGuid():N}";
            var leaseUntil = now + o.Lease;
            var claimed = await db.ScheduledJobs
                .Where(j => j.Id == id && j.Status == JobStatus.Pending && j.DueAt <= now && (j.LockedUntil == null || j.LockedUntil < now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.LockedUntil, leaseUntil)
                    .SetProperty(j => j.LockOwner, claim)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1), cancellationToken);
            if (claimed != 1)
            {
                continue; // another instance has it, or it was cancelled
            }

            claimedCount++;
            try
            {
                await FireAsync(services, id, claim, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The lease runs out and the job is tried again; nothing of this attempt was committed.
                Log.FireFailed(logger, ex, id);
            }
        }

        return claimedCount;
    }

    private async Task FireAsync(IServiceProvider services, Guid jobId, string claim, CancellationToken cancellationToken)
    {
        var unitOfWork = services.GetRequiredService<UnitOfWork>();
        var db = services.GetRequiredService<BotDbContext>();

        // Who may decide is read before the transaction (the roster is a call to Teams).
        var forApprovers = await db.ScheduledJobs.AsNoTracking().AnyAsync(j => j.Id == jobId && (j.Kind == JobKinds.ApproverReminder || j.Kind == JobKinds.ApproverEscalation), cancellationToken);
        var candidates = forApprovers ? await services.GetRequiredService<ApproverDirectory>().CandidatesAsync(cancellationToken) : [];
        var fired = await unitOfWork.ExecuteAsync(async ct =>
        {
            var job = await db.ScheduledJobs.AsNoTracking().FirstAsync(j => j.Id == jobId, ct);
            var row = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == job.RequestId, ct);
            var now = time.GetUtcNow();
            var decision = row is null ? Decision.Cancel("record not found") : Decide(job, row, now);
            var status = decision.Kind switch { DecisionKind.Fire => JobStatus.Done, DecisionKind.Defer => JobStatus.Pending, _ => JobStatus.Cancelled };
            var at = now.UtcDateTime;
            var dueAt = decision.Kind == DecisionKind.Defer ? decision.Until!.Value.UtcDateTime : job.DueAt;

            // The completing compare-and-set: only the current claim may end (or move) the job.
            var completed = await db.ScheduledJobs
                .Where(j => j.Id == jobId && j.Status == JobStatus.Pending && j.LockOwner == claim)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, status)
                    .SetProperty(j => j.DueAt, dueAt)
                    .SetProperty(j => j.LockedUntil, (DateTime?)null)
                    .SetProperty(j => j.LockOwner, (string?)null)
                    .SetProperty(j => j.CompletedAt, status == JobStatus.Pending ? null : at)
                    .SetProperty(j => j.Result, decision.Reason), ct);
            if (completed != 1 || decision.Kind != DecisionKind.Fire)
            {
                return (Fired: false, Kind: job.Kind, Reason: decision.Reason);
            }

            await SendAsync(services, job, row!, candidates, now, ct);
            return (Fired: true, Kind: job.Kind, Reason: decision.Reason);
        }, cancellationToken);

        if (fired.Fired)
        {
            Log.Fired(logger, fired.Kind, jobId);
        }
        else
        {
            Log.NotFired(logger, fired.Kind, jobId, fired.Reason);
        }
    }

    /// <summary>Whether the job still applies: fire it, look again later (waiting for the practitioner), or cancel it.</summary>
    private Decision Decide(ScheduledJobRow job, InfoRequestRow row, DateTimeOffset now)
    {
        var o = options.CurrentValue.Reminders;
        if (JobKinds.ForMoreInfo(job.Kind))
        {
            return row.Kind == RecordKinds.Request && row.Status == RequestStatus.MoreInfoRequested
                ? Decision.Fire("sent")
                : Decision.Cancel($"no longer waiting for the practitioner's answer ({row.Status})");
        }

        if (JobKinds.ForApprovers(job.Kind))
        {
            return (row.Kind, row.Status) switch
            {
                (RecordKinds.Request, RequestStatus.Pending) => Decision.Fire("sent"),
                (RecordKinds.Request, RequestStatus.MoreInfoRequested) => Decision.Defer(now + o.WaitingRecheck, "waiting for the practitioner's answer"),
                (RecordKinds.Emergency, SafeguardingStatus.ReviewPending) => Decision.Fire("sent"),
                (RecordKinds.Advice, SafeguardingStatus.AwaitingAdvice) => Decision.Fire("sent"),
                _ => Decision.Cancel($"no longer awaiting the approvers ({row.Status})"),
            };
        }

        var owed = row.Kind switch
        {
            RecordKinds.Emergency => row.OutcomeRecordedAt is null && row.Status != SafeguardingStatus.NothingShared,
            RecordKinds.Request => job.Kind == JobKinds.PractitionerReminder && row.Status == RequestStatus.Approved && row.OutcomeRecordedAt is null,
            _ => false,
        };
        if (job.Kind == JobKinds.RecordOverdue && row.Kind != RecordKinds.Emergency)
        {
            owed = false;
        }

        return owed ? Decision.Fire("sent") : Decision.Cancel("the record is complete");
    }

    private async Task SendAsync(IServiceProvider services, ScheduledJobRow job, InfoRequestRow row, IReadOnlyList<Candidate> candidates, DateTimeOffset now, CancellationToken ct)
    {
        var policy = services.GetRequiredService<PolicyDocument>();
        var outbox = services.GetRequiredService<Outbox>();
        var audit = services.GetRequiredService<AuditLog>();
        var jobs = services.GetRequiredService<ScheduledJobs>();
        var purpose = $"{job.Kind} #{job.Sequence}";
        switch (job.Kind)
        {
            case JobKinds.ApproverReminder:
            case JobKinds.ApproverEscalation:
            case JobKinds.RecordOverdue:
                var escalate = job.Kind != JobKinds.ApproverReminder;
                if (row.Kind == RecordKinds.Request && job.Kind != JobKinds.RecordOverdue)
                {
                    await services.GetRequiredService<DeciderReminders>().NoticeAsync(row, candidates, purpose, ChannelText(job.Kind, row, now), ct);
                    break;
                }

                outbox.Enqueue(OutboxOperations.ChannelNotice, purpose, row.Id, JsonSerializer.Serialize(
                    new NotificationPayload { Text = ChannelText(job.Kind, row, now), MentionDeputies = escalate },
                    NotificationJsonContext.Default.NotificationPayload));
                break;
            case JobKinds.PractitionerReminder:
                outbox.Enqueue(OutboxOperations.NotifyRequester, purpose, row.Id, JsonSerializer.Serialize(PractitionerReminder(row, policy), NotificationJsonContext.Default.NotificationPayload));
                if (ReminderPlanner.NextPractitionerReminder(job.Sequence, new DateTimeOffset(job.DueAt, TimeSpan.Zero), row.Kind, options.CurrentValue.Reminders) is { } next)
                {
                    jobs.Schedule(row.Id, [next.DueAt < now ? next with { DueAt = now + options.CurrentValue.Reminders.EmergencyRecordReminderInterval } : next]);
                }

                break;
            case JobKinds.MoreInfoReminder:
            case JobKinds.MoreInfoUnanswered:
                await MoreInformationReminders.SendAsync(services, job, row, now, options.CurrentValue.Reminders, ct);
                break;
        }

        await audit.AppendAsync("system", job.Kind switch
            {
                JobKinds.ApproverReminder or JobKinds.PractitionerReminder or JobKinds.MoreInfoReminder => "reminder-sent",
                JobKinds.MoreInfoUnanswered => RecordActionKinds.MoreInfoUnanswered,
                _ => "escalated",
            },
            row.Kind, row.Id.ToString(), new JsonObject
            {
                ["reference"] = row.Reference,
                ["job"] = job.Kind,
                ["sequence"] = job.Sequence,
                ["dueUtc"] = job.DueAt.ToString("O"),
            }, ct);
    }

    /// <summary>The notice in the approvers' channel: references, names of staff and times only, never free text about the person.</summary>
    private static string ChannelText(string kind, InfoRequestRow row, DateTimeOffset now)
    {
        var deadline = row.Deadline is { } d ? ApprovalCards.FormatUk(d) : null;
        var since = ApprovalCards.FormatUk(row.SubmittedAt ?? row.CreatedAt);
        return (kind, row.Kind) switch
        {
            (JobKinds.ApproverReminder, RecordKinds.Request) => deadline is null
                ? $"Reminder: **{row.Reference}** (case {row.CaseReference}) has been awaiting a decision since {since}."
                : $"Reminder: **{row.Reference}** (case {row.CaseReference}) is awaiting a decision, due by {deadline}.",
            (JobKinds.ApproverEscalation, RecordKinds.Request) => deadline is null
                ? $"Escalation: **{row.Reference}** (case {row.CaseReference}) has been awaiting a decision since {since} with no decision."
                : $"Escalation: **{row.Reference}** (case {row.CaseReference}) passed its deadline ({deadline}) without a decision.",
            (JobKinds.ApproverReminder, RecordKinds.Emergency) => $"Reminder: the retrospective review of the emergency sharing **{row.Reference}** is waiting: acknowledge it or raise a concern.",
            (JobKinds.ApproverEscalation, RecordKinds.Emergency) => $"Escalation: nobody has reviewed the emergency sharing **{row.Reference}** (recorded {since}).",
            (JobKinds.ApproverReminder, RecordKinds.Advice) => $"Reminder: the anonymised consultation **{row.Reference}** is waiting for advice (asked {since}).",
            (JobKinds.ApproverEscalation, RecordKinds.Advice) => $"Escalation: the anonymised consultation **{row.Reference}** has had no answer since {since}.",
            _ => row.Status == SafeguardingStatus.RecordDue
                ? $"Overdue: {row.RequesterName} declared an emergency on {ApprovalCards.FormatUk(row.CreatedAt)} (**{row.Reference}**) and may have shared information without approval; no retrospective record has been given (it was due by {deadline}). Please follow it up."
                : $"Overdue: the full record of the emergency sharing **{row.Reference}** was due by {deadline} and has not been given. Please follow it up with {row.RequesterName}.",
        };
    }

    /// <summary>The practitioner's reminder, with the form they still owe.</summary>
    private static NotificationPayload PractitionerReminder(InfoRequestRow row, PolicyDocument policy)
    {
        var due = new DateTimeOffset(row.Deadline ?? row.CreatedAt, TimeSpan.Zero);
        if (row.Kind == RecordKinds.Emergency)
        {
            var record = SafeguardingRecords.ShortRecord(row);
            return record is null || row.Status == SafeguardingStatus.RecordDue
                ? new NotificationPayload
                {
                    Alert = true,
                    Text = $"Reminder: please give the retrospective record of the emergency **{row.Reference}** (due by {UkTime.Format(due)}). If nothing was shared, say so on the form.",
                    Card = SafeguardingFormCards.EmergencyShort(policy, row.Id, row.Reference, new DateTimeOffset(row.CreatedAt, TimeSpan.Zero), due),
                }
                : new NotificationPayload
                {
                    Alert = true,
                    Text = $"Reminder: please complete the full record of the emergency sharing **{row.Reference}** (due by {UkTime.Format(due)}).",
                    Card = SafeguardingFormCards.EmergencyFull(policy, row.Id, row.Reference, due, record),
                };
        }

        var scope = SafeguardingRecords.Scope(row);
        return new NotificationPayload
        {
            Alert = true,
            Text = $"Reminder: please record what happened with **{row.Reference}** (case {row.CaseReference}), approved on {ApprovalCards.FormatUk(row.DecidedAt ?? row.CreatedAt)}.",
            Card = scope is null ? null : SafeguardingFormCards.Outcome(policy, row.Id, row.Reference, row.CaseReference, scope),
        };
    }

    private enum DecisionKind
    {
        Fire,
        Defer,
        Cancel,
    }

    private sealed record Decision(DecisionKind Kind, string Reason, DateTimeOffset? Until = null)
    {
        public static Decision Fire(string reason) => new(DecisionKind.Fire, reason);

        public static Decision Defer(DateTimeOffset until, string reason) => new(DecisionKind.Defer, reason, until);

        public static Decision Cancel(string reason) => new(DecisionKind.Cancel, reason);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Scheduled {Kind} job {JobId} fired")]
        public static partial void Fired(ILogger logger, string kind, Guid jobId);

        [LoggerMessage(EventId = 6302, Level = LogLevel.Information, Message = "Scheduled {Kind} job {JobId} not fired: {Reason}")]
        public static partial void NotFired(ILogger logger, string kind, Guid jobId, string reason);

        [LoggerMessage(EventId = 6303, Level = LogLevel.Error, Message = "Scheduled job {JobId} failed; it is tried again when its lease ends")]
        public static partial void FireFailed(ILogger logger, Exception exception, Guid jobId);
    }
}
