namespace InfoSharing.Bot.Workflow;

/// <summary>What a scheduled job does (ScheduledJobRow.Kind).</summary>
public static class JobKinds
{
    /// <summary>A reply in the record's thread in the approvers' channel: a decision, review or answer is due soon.</summary>
    public const string ApproverReminder = "approver-reminder";

    /// <summary>The deadline passed: a reply in the thread that mentions the deputies.</summary>
    public const string ApproverEscalation = "approver-escalation";

    /// <summary>A message to the practitioner with the form they still owe (emergency record, outcome record).</summary>
    public const string PractitionerReminder = "practitioner-reminder";

    /// <summary>The emergency record is overdue: the approvers' channel is told and the deputies mentioned.</summary>
    public const string RecordOverdue = "record-overdue";

    public static bool ForApprovers(string kind) => kind is ApproverReminder or ApproverEscalation;
}
