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

    /// <summary>An approver's question is still unanswered: the practitioner gets the question card again.</summary>
    public const string MoreInfoReminder = "more-info-reminder";

    /// <summary>The question went unanswered past the policy limit: the approvers' thread is told and the request marked.</summary>
    public const string MoreInfoUnanswered = "more-info-unanswered";

    /// <summary>The jobs that wait for the practitioner's answer to an approver's question.</summary>
    public static bool ForMoreInfo(string kind) => kind is MoreInfoReminder or MoreInfoUnanswered;

    public static bool ForApprovers(string kind) => kind is ApproverReminder or ApproverEscalation;
}
