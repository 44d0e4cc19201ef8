using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// When reminders and escalations are due (pure): from a request's deadline and urgency, an emergency record's
/// window, a review or consultation posted, an approval given. Table-tested.
/// </summary>
public static class ReminderPlanner
{
    /// <summary>A submitted request: remind before the deadline (the short window when urgent), escalate when it passes.</summary>
    public static IReadOnlyList<PlannedJob> ForRequest(string? deadlineId, DateTimeOffset? dueByUtc, DateTimeOffset submittedUtc, ReminderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (dueByUtc is not { } due)
        {
            return
            [
                new(JobKinds.ApproverReminder, 1, submittedUtc + options.RoutineReminderAfter),
                new(JobKinds.ApproverEscalation, 1, submittedUtc + options.RoutineEscalateAfter),
            ];
        }

        var lead = deadlineId is not null && options.UrgentDeadlineIds.Contains(deadlineId, StringComparer.Ordinal)
            ? options.UrgentReminderLead
            : options.ApproverReminderLead;
        var remaining = due - submittedUtc;
        if (remaining <= TimeSpan.Zero)
        {
            return [new(JobKinds.ApproverEscalation, 1, submittedUtc)];
        }

        // When the lead is longer than the time left, remind halfway instead of at once.
        var remindAt = remaining > lead ? due - lead : submittedUtc + (remaining / 2);
        return [new(JobKinds.ApproverReminder, 1, remindAt), new(JobKinds.ApproverEscalation, 1, due)];
    }

    /// <summary>Emergency declared: remind the practitioner in the short window, tell the approvers when the record is overdue.</summary>
    public static IReadOnlyList<PlannedJob> ForEmergency(DateTimeOffset startedUtc, DateTimeOffset dueUtc, ReminderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var first = startedUtc + options.EmergencyRecordReminderInterval;
        return [new(JobKinds.PractitionerReminder, 1, first < dueUtc ? first : dueUtc), new(JobKinds.RecordOverdue, 1, dueUtc)];
    }

    /// <summary>The retrospective review card was posted: remind the approvers, then escalate (short windows).</summary>
    public static IReadOnlyList<PlannedJob> ForEmergencyReview(DateTimeOffset postedUtc, ReminderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            new(JobKinds.ApproverReminder, 1, postedUtc + options.EmergencyReviewReminderAfter),
            new(JobKinds.ApproverEscalation, 1, postedUtc + options.EmergencyReviewEscalateAfter),
        ];
    }

    /// <summary>A consultation was sent: remind the approvers, then escalate.</summary>
    public static IReadOnlyList<PlannedJob> ForAdvice(DateTimeOffset submittedUtc, ReminderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            new(JobKinds.ApproverReminder, 1, submittedUtc + options.AdviceReminderAfter),
            new(JobKinds.ApproverEscalation, 1, submittedUtc + options.AdviceEscalateAfter),
        ];
    }

    /// <summary>
    /// Whom a request's reminder or escalation goes to: only people who may decide it (never the requester, anyone who
    /// declared a conflict or an away approver; their cover, deputies and role deputies included), the approver or role
    /// it was handed to first. Empty: no one may decide it, and the admins must be told.
    /// </summary>
    public static IReadOnlyList<Candidate> Recipients(RecordSnapshot request) => Deciders.Targets(request);

    /// <summary>Approved: remind the practitioner to record what happened.</summary>
    public static IReadOnlyList<PlannedJob> ForOutcome(DateTimeOffset decidedUtc, ReminderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [new(JobKinds.PractitionerReminder, 1, decidedUtc + options.OutcomeReminderAfter)];
    }

    /// <summary>An approver asked for more information: remind the practitioner, and mark it unanswered at the policy limit.</summary>
    public static IReadOnlyList<PlannedJob> ForMoreInfo(DateTimeOffset askedUtc, ReminderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var unanswered = new PlannedJob(JobKinds.MoreInfoUnanswered, 1, askedUtc + options.MoreInfoUnansweredAfter);
        return options.MoreInfoReminderInterval > TimeSpan.Zero && options.MoreInfoReminderInterval < options.MoreInfoUnansweredAfter
            ? [new(JobKinds.MoreInfoReminder, 1, askedUtc + options.MoreInfoReminderInterval), unanswered]
            : [unanswered];
    }

    /// <summary>The question's next reminder after reminder <paramref name="sequence"/>, or null when the next would not come before the unanswered limit.</summary>
    public static PlannedJob? NextMoreInfoReminder(int sequence, DateTimeOffset firedDueUtc, ReminderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var interval = options.MoreInfoReminderInterval;
        return interval > TimeSpan.Zero && interval * (sequence + 1) < options.MoreInfoUnansweredAfter
            ? new(JobKinds.MoreInfoReminder, sequence + 1, firedDueUtc + interval)
            : null;
    }

    /// <summary>The practitioner's next reminder after one was sent, or null once the most reminders were sent.</summary>
    public static PlannedJob? NextPractitionerReminder(int sequence, DateTimeOffset firedDueUtc, string recordKind, ReminderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (sequence >= options.MaxPractitionerReminders)
        {
            return null;
        }

        var interval = recordKind == RecordKinds.Emergency ? options.EmergencyRecordReminderInterval : options.OutcomeReminderInterval;
        return new(JobKinds.PractitionerReminder, sequence + 1, firedDueUtc + interval);
    }
}
