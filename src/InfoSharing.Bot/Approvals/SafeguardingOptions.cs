using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Approvals;

/// <summary>Section <c>Safeguarding</c>: reference prefixes of the new record types, and the reminder windows.</summary>
public sealed class SafeguardingOptions
{
    public const string SectionName = "Safeguarding";

    /// <summary>Prefix of emergency record references (the number is shared with requests, so every number is unique).</summary>
    public string EmergencyReferencePrefix { get; set; } = "EMR";

    /// <summary>Prefix of advice consultation references.</summary>
    public string AdviceReferencePrefix { get; set; } = "ADV";

    /// <summary>Prefix of the references of decisions not to share (§3.1).</summary>
    public string NotSharedReferencePrefix { get; set; } = "NSR";

    public ReminderOptions Reminders { get; set; } = new();
}

/// <summary>
/// Section <c>Safeguarding:Reminders</c>. Approvers are reminded in the card's thread as a deadline nears and deputies
/// are mentioned when it passes; practitioners are reminded in their chat until a record they owe is given.
/// </summary>
public sealed class ReminderOptions
{
    /// <summary>Run the scheduler in this instance (the jobs are shared through the database either way).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    public int BatchSize { get; set; } = 16;

    /// <summary>Remind the approvers this long before a request's deadline.</summary>
    public TimeSpan ApproverReminderLead { get; set; } = TimeSpan.FromHours(4);

    /// <summary>The short window of urgent requests (<see cref="UrgentDeadlineIds"/>).</summary>
    public TimeSpan UrgentReminderLead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Deadline ids (policy lists.deadlines) that use the short window.</summary>
    public string[] UrgentDeadlineIds { get; set; } = ["today"];

    /// <summary>A request with no deadline (routine): remind after this long, escalate after <see cref="RoutineEscalateAfter"/>.</summary>
    public TimeSpan RoutineReminderAfter { get; set; } = TimeSpan.FromDays(3);
    public TimeSpan RoutineEscalateAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The retrospective review of emergency sharing (a short window): remind, then escalate.</summary>
    public TimeSpan EmergencyReviewReminderAfter { get; set; } = TimeSpan.FromHours(2);
    public TimeSpan EmergencyReviewEscalateAfter { get; set; } = TimeSpan.FromHours(8);

    /// <summary>An advice consultation awaiting an answer: remind, then escalate.</summary>
    public TimeSpan AdviceReminderAfter { get; set; } = TimeSpan.FromHours(4);
    public TimeSpan AdviceEscalateAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The practitioner is reminded this often until the emergency record is complete (a short window).</summary>
    public TimeSpan EmergencyRecordReminderInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>After approval: first reminder to record the outcome, then every <see cref="OutcomeReminderInterval"/>.</summary>
    public TimeSpan OutcomeReminderAfter { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan OutcomeReminderInterval { get; set; } = TimeSpan.FromHours(48);

    /// <summary>An approver asked for more information: remind the practitioner this often until they answer.</summary>
    public TimeSpan MoreInfoReminderInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Unanswered this long after the question: the approvers' thread is told, the card and the request say so (reminders stop).</summary>
    public TimeSpan MoreInfoUnansweredAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Most reminders a practitioner gets for one record (the approvers are told when the emergency record is overdue).</summary>
    public int MaxPractitionerReminders { get; set; } = 10;

    /// <summary>While a request waits for the practitioner's answer, its approver reminders are checked again after this long.</summary>
    public TimeSpan WaitingRecheck { get; set; } = TimeSpan.FromHours(1);
}
