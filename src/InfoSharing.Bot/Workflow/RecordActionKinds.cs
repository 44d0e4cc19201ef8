namespace InfoSharing.Bot.Workflow;

/// <summary>
/// The actions recorded on a record (ApprovalActionRow.Action) besides the approval card's verbs, for every record
/// kind: requests, emergency records, advice consultations and outcome records.
/// </summary>
public static class RecordActionKinds
{
    public const string Submitted = "submitted";

    /// <summary>An approval by one of the approver kinds a request needs, with another still to approve.</summary>
    public const string PartialApproval = "approve-partial";

    /// <summary>
    /// The decision "approved in part" (§7.1): some categories or recipients were left out. The request's status is
    /// approved; what was approved is in its summary (<c>inPart</c>). Unrelated to <see cref="PartialApproval"/>.
    /// </summary>
    public const string ApprovedInPart = "approve-in-part";

    /// <summary>The practitioner answered the approvers' question.</summary>
    public const string Answered = "answered";

    public const string EmergencyDeclared = "emergency-declared";
    public const string EmergencyRecorded = "retrospective-record";
    public const string NothingShared = "nothing-shared";
    public const string FullRecord = "full-record";
    public const string Acknowledged = "acknowledged";
    public const string Concern = "concern";
    public const string AdviceAsked = "advice-asked";
    public const string AdviceAnswered = "advice-answered";
    public const string OutcomeRecorded = "outcome-recorded";
    public const string DecidedNotToShare = "decided-not-to-share";

    /// <summary>An escalation found no one who may decide the request (recorded by the bot; the admins are told).</summary>
    public const string NoDecider = "no-decider";

    /// <summary>The practitioner did not answer the approvers' question within the policy limit (recorded by the reminder job).</summary>
    public const string MoreInfoUnanswered = "more-info-unanswered";

    /// <summary>
    /// True when the approvers' latest question (actions in the order recorded) went unanswered past the policy limit
    /// and is still unanswered: the last question, answer or unanswered mark is the mark.
    /// </summary>
    public static bool QuestionUnanswered(IEnumerable<string> actions) =>
        actions.LastOrDefault(a => a is ApprovalVerbs.MoreInfo or Answered or MoreInfoUnanswered) == MoreInfoUnanswered;

    /// <summary>The audit action of the practitioner's answer (the action row records <see cref="Answered"/>).</summary>
    public const string MoreInfoAnsweredAudit = "more-info-answered";

    /// <summary>What a recorded action says in a card's history and in the case file, for every record kind.</summary>
    public static string Title(string action) => action switch
    {
        Submitted => "submitted the request",
        ApprovalVerbs.Approve => "approved",
        PartialApproval => "approved (another approver kind must also approve)",
        ApprovedInPart => "approved in part",
        ApprovalVerbs.Decline => "declined",
        ApprovalVerbs.MoreInfo => "asked the practitioner for more information",
        ApprovalVerbs.Conflict => "declared a conflict of interest",
        ApprovalVerbs.Reassign => "handed the request on",
        NoDecider => "found no one who may decide this request; the administrators were told",
        Answered => "answered the approvers' question",
        MoreInfoUnanswered => "noted that the approvers' question went unanswered",
        OutcomeRecorded => "recorded what happened after approval",
        EmergencyDeclared => "declared an emergency (sharing allowed without prior approval)",
        EmergencyRecorded => "gave the retrospective record",
        NothingShared => "recorded that nothing was shared",
        FullRecord => "completed the full record",
        Acknowledged => "acknowledged the emergency sharing",
        Concern => "raised a concern with the practitioner",
        AdviceAsked => "asked for advice",
        AdviceAnswered => "answered",
        DecidedNotToShare => "decided not to share and recorded why",
        _ => action,
    };
}
