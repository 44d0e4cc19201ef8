namespace InfoSharing.Bot.Workflow;

/// <summary>
/// One row of a record kind's status machine: in status <see cref="From"/>, the command <see cref="Verb"/> moves the
/// record to <see cref="To"/> (null: the status stays), records <see cref="ActionKind"/>, audits
/// <see cref="AuditAction"/>, sends <see cref="Notice"/> to the practitioner (or, for an answer, to the thread) and
/// starts or stops <see cref="Jobs"/>.
/// </summary>
public sealed record Transition(
    string Kind,
    string Verb,
    string From,
    string? To,
    string ActionKind,
    string AuditAction,
    bool Decides,
    NoticeKind Notice,
    params WorkflowJob[] Jobs)
{
    /// <summary>A command of the practitioner who made the record (an answer, a record they owe), not of an approver.</summary>
    public bool ByRequester { get; init; }

    /// <summary>What happens to the record's card in the approvers' channel.</summary>
    public CardSend Card { get; init; } = CardSend.Update;
}

public enum CardSend
{
    None,

    /// <summary>PUT the card (it shows the new state).</summary>
    Update,

    /// <summary>Post the card as a new thread (the record now needs the approvers).</summary>
    Post,
}

/// <summary>
/// The status machines of every record kind, as one table: a command not in it for the record's status changes
/// nothing. Tested as a table (every kind × status × command) in tests/…/Workflow.
/// </summary>
public static class StatusTable
{
    /// <summary>The practitioner's answer to an approver's question (1:1 chat).</summary>
    public const string Answer = "answer";

    /// <summary>The practitioner's retrospective record of an emergency: information was shared.</summary>
    public const string EmergencyRecorded = SafeguardingActions.EmergencyRecord;

    /// <summary>The practitioner's retrospective record of an emergency: nothing was shared after all.</summary>
    public const string EmergencyNothingShared = "emergencyNothingShared";

    /// <summary>The practitioner's full record of an emergency sharing.</summary>
    public const string EmergencyFull = SafeguardingActions.EmergencyFull;

    /// <summary>The practitioner's record of what happened after approval.</summary>
    public const string Outcome = SafeguardingActions.OutcomeRecord;

    /// <summary>The practitioner's decision not to share, recorded from their draft with its reasons (§3.1).</summary>
    public const string NotShared = "recordNotShared";

    /// <summary>The practitioner submitted a request from their finished draft: it now needs the approvers.</summary>
    public const string Submit = "submit";

    /// <summary>The practitioner declared an emergency: the record exists at once, its retrospective record due.</summary>
    public const string EmergencyDeclared = "emergencyDeclared";

    /// <summary>The practitioner asked the approvers for anonymised advice.</summary>
    public const string AdviceAsked = "adviceAsked";

    /// <summary>The audit action of a reassignment (the action row records <see cref="ApprovalVerbs.Reassign"/>).</summary>
    public const string Reassigned = "reassigned";

    public static IReadOnlyList<Transition> Rows { get; } =
    [
        new(RecordKinds.Request, ApprovalVerbs.Approve, RequestStatus.Pending, RequestStatus.Approved, ApprovalVerbs.Approve, ApprovalVerbs.Approve,
            Decides: true, NoticeKind.Approved, WorkflowJob.CancelApproverReminders, WorkflowJob.AskForOutcome),
        new(RecordKinds.Request, ApprovalVerbs.ApproveInPart, RequestStatus.Pending, RequestStatus.Approved, RecordActionKinds.ApprovedInPart, RecordActionKinds.ApprovedInPart,
            Decides: true, NoticeKind.ApprovedInPart, WorkflowJob.CancelApproverReminders, WorkflowJob.AskForOutcome),
        new(RecordKinds.Request, ApprovalVerbs.Decline, RequestStatus.Pending, RequestStatus.Declined, ApprovalVerbs.Decline, ApprovalVerbs.Decline,
            Decides: true, NoticeKind.Declined, WorkflowJob.CancelApproverReminders, WorkflowJob.OfferReconsider),
        new(RecordKinds.Request, ApprovalVerbs.MoreInfo, RequestStatus.Pending, RequestStatus.MoreInfoRequested, ApprovalVerbs.MoreInfo, ApprovalVerbs.MoreInfo,
            Decides: false, NoticeKind.MoreInformation, WorkflowJob.AskForAnswer),
        new(RecordKinds.Request, ApprovalVerbs.Conflict, RequestStatus.Pending, null, ApprovalVerbs.Conflict, ApprovalVerbs.Conflict, Decides: false, NoticeKind.ConflictDeclared),
        new(RecordKinds.Request, ApprovalVerbs.Conflict, RequestStatus.MoreInfoRequested, null, ApprovalVerbs.Conflict, ApprovalVerbs.Conflict, Decides: false, NoticeKind.ConflictDeclared),
        new(RecordKinds.Request, ApprovalVerbs.Reassign, RequestStatus.Pending, null, ApprovalVerbs.Reassign, Reassigned, Decides: false, NoticeKind.Reassigned),
        new(RecordKinds.Request, ApprovalVerbs.Reassign, RequestStatus.MoreInfoRequested, null, ApprovalVerbs.Reassign, Reassigned, Decides: false, NoticeKind.Reassigned),
        new(RecordKinds.Request, Answer, RequestStatus.MoreInfoRequested, RequestStatus.Pending, RecordActionKinds.Answered, RecordActionKinds.MoreInfoAnsweredAudit,
            Decides: false, NoticeKind.AnswerReceived, WorkflowJob.CancelAnswerReminders) { ByRequester = true },
        new(RecordKinds.Request, Outcome, RequestStatus.Approved, null, RecordActionKinds.OutcomeRecorded, "outcome-recorded",
            Decides: false, NoticeKind.None, WorkflowJob.CancelPractitionerReminders) { ByRequester = true },

        // Records made by the practitioner's own command: stored in FromDraft and moved on in the same transaction.
        new(RecordKinds.Request, Submit, SafeguardingStatus.FromDraft, RequestStatus.Pending, RecordActionKinds.Submitted, RecordActionKinds.Submitted,
            Decides: false, NoticeKind.None, WorkflowJob.ScheduleApproverReminders) { ByRequester = true, Card = CardSend.Post },
        new(RecordKinds.Emergency, EmergencyDeclared, SafeguardingStatus.FromDraft, SafeguardingStatus.RecordDue, RecordActionKinds.EmergencyDeclared, RecordActionKinds.EmergencyDeclared,
            Decides: false, NoticeKind.None, WorkflowJob.AskForEmergencyRecord) { ByRequester = true, Card = CardSend.None },
        new(RecordKinds.Advice, AdviceAsked, SafeguardingStatus.FromDraft, SafeguardingStatus.AwaitingAdvice, RecordActionKinds.AdviceAsked, RecordActionKinds.AdviceAsked,
            Decides: false, NoticeKind.None, WorkflowJob.ScheduleAdviceReminders) { ByRequester = true, Card = CardSend.Post },

        new(RecordKinds.Emergency, EmergencyRecorded, SafeguardingStatus.RecordDue, SafeguardingStatus.ReviewPending, RecordActionKinds.EmergencyRecorded, "emergency-recorded",
            Decides: false, NoticeKind.None, WorkflowJob.ScheduleReviewReminders) { ByRequester = true, Card = CardSend.Post },
        new(RecordKinds.Emergency, EmergencyNothingShared, SafeguardingStatus.RecordDue, SafeguardingStatus.NothingShared, RecordActionKinds.NothingShared, "emergency-nothing-shared",
            Decides: false, NoticeKind.None, WorkflowJob.CancelAllJobs) { ByRequester = true, Card = CardSend.None },
        new(RecordKinds.Emergency, EmergencyFull, SafeguardingStatus.ReviewPending, null, RecordActionKinds.FullRecord, "emergency-completed",
            Decides: false, NoticeKind.None, WorkflowJob.CancelPractitionerReminders) { ByRequester = true },
        new(RecordKinds.Emergency, EmergencyFull, SafeguardingStatus.Acknowledged, null, RecordActionKinds.FullRecord, "emergency-completed",
            Decides: false, NoticeKind.None, WorkflowJob.CancelPractitionerReminders) { ByRequester = true },
        new(RecordKinds.Emergency, EmergencyFull, SafeguardingStatus.ConcernRaised, null, RecordActionKinds.FullRecord, "emergency-completed",
            Decides: false, NoticeKind.None, WorkflowJob.CancelPractitionerReminders) { ByRequester = true },
        new(RecordKinds.Emergency, SafeguardingVerbs.Acknowledge, SafeguardingStatus.ReviewPending, SafeguardingStatus.Acknowledged,
            RecordActionKinds.Acknowledged, "review-acknowledged", Decides: true, NoticeKind.ReviewAcknowledged, WorkflowJob.CancelApproverReminders),
        new(RecordKinds.Emergency, SafeguardingVerbs.RaiseConcern, SafeguardingStatus.ReviewPending, SafeguardingStatus.ConcernRaised,
            RecordActionKinds.Concern, "review-concern", Decides: true, NoticeKind.ConcernRaised, WorkflowJob.CancelApproverReminders),

        new(RecordKinds.Advice, SafeguardingVerbs.AdviceAnswer, SafeguardingStatus.AwaitingAdvice, SafeguardingStatus.AdviceGiven,
            RecordActionKinds.AdviceAnswered, "advice-answered", Decides: true, NoticeKind.AdviceGiven, WorkflowJob.CancelApproverReminders),

        // A decision not to share (§3.1): the practitioner decides it; no approval, nothing to the approvers' channel.
        new(RecordKinds.NotShared, NotShared, SafeguardingStatus.FromDraft, SafeguardingStatus.DecidedNotToShare, RecordActionKinds.DecidedNotToShare, "not-shared-recorded",
            Decides: true, NoticeKind.None) { ByRequester = true, Card = CardSend.None },
    ];

    /// <summary>True for a command only the practitioner who made the record may give.</summary>
    public static bool IsRequesterCommand(string verb) => Rows.Any(r => r.Verb == verb && r.ByRequester);

    public static Transition? Find(string kind, string status, string verb) =>
        Rows.FirstOrDefault(r => r.Kind == kind && r.From == status && r.Verb == verb);
}
