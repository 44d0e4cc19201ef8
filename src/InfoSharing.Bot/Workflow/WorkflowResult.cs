using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Workflow;

/// <summary>
/// What a command does to a record, as data for the I/O shell to apply in one transaction: the status change (a
/// compare-and-set from <see cref="FromStatus"/> at the snapshot's revision), the approver-action row, the audit
/// entries, the sends, the jobs, and the reply to the person who acted.
/// </summary>
public sealed record WorkflowResult
{
    public required WorkflowOutcome Outcome { get; init; }

    public required string FromStatus { get; init; }

    /// <summary>The new status, or null when the status stays as it is.</summary>
    public string? NewStatus { get; init; }

    /// <summary>True when this closes the record's decision (decided at / by / decision are set).</summary>
    public bool Decides { get; init; }

    /// <summary>The stored decision when <see cref="Decides"/>: the new status, or the advice's suggested outcome.</summary>
    public string? Decision { get; init; }

    public RecordedAction? Action { get; init; }
    public IReadOnlyList<AuditEntry> Audit { get; init; } = [];
    public IReadOnlyList<WorkflowSend> Sends { get; init; } = [];
    public IReadOnlyList<WorkflowJob> Jobs { get; init; } = [];
    public required WorkflowReply Reply { get; init; }

    /// <summary>After an approval in part: what was approved (the shell records it in the request's summary).</summary>
    public ApprovedInPart? InPart { get; init; }

    /// <summary>True when the shell must write: a status change, an action row, or an audit entry.</summary>
    public bool Writes => Action is not null || Audit.Count > 0;
}

public enum WorkflowOutcome
{
    /// <summary>Shown only (a refresh or a details view); may be audited.</summary>
    Shown,

    /// <summary>This person may not do this (audited).</summary>
    Refused,

    /// <summary>The inputs had field errors; the card is shown again with them.</summary>
    Invalid,

    /// <summary>The record is no longer in a status this command applies to; nothing changed.</summary>
    Unchanged,

    Applied,
}

/// <summary>The approver-action row to record (ApprovalActionRow).</summary>
public sealed record RecordedAction(string Action, string Role, string? Text = null, string? ReasonCode = null, string? Conditions = null);

/// <summary>What an approval in part approved, and what it left out (policy ids, in the request's order).</summary>
public sealed record ApprovedInPart(IReadOnlyList<string> CategoryIds, IReadOnlyList<string> RecipientTypeIds,
    IReadOnlyList<string> LeftOutCategoryIds, IReadOnlyList<string> LeftOutRecipientTypeIds);

/// <summary>An audit entry about the record (subject: the record's kind and id).</summary>
public sealed record AuditEntry(string Action, JsonObject Details);

/// <summary>What to send after commit, through the outbox.</summary>
public sealed record WorkflowSend(SendKind Kind, string Purpose, NoticeKind Notice = NoticeKind.None)
{
    /// <summary>Whom a thread notice @mentions (a reassignment's new deciders, the deciders left after a conflict).</summary>
    public IReadOnlyList<Candidate> Mention { get; init; } = [];
}

public enum SendKind
{
    /// <summary>Post the record's card as a new thread in the approvers' channel.</summary>
    PostCard,

    /// <summary>PUT the record's card in the approvers' channel (idempotent).</summary>
    UpdateCard,

    /// <summary>Tell the practitioner in their 1:1 chat.</summary>
    NotifyRequester,

    /// <summary>A reply in the record's thread in the approvers' channel.</summary>
    ThreadReply,
}

/// <summary>Which notice a send carries (rendered by the shell from the record and the command).</summary>
public enum NoticeKind
{
    None,
    Approved,
    ApprovedInPart,
    Declined,
    MoreInformation,
    ReviewAcknowledged,
    ConcernRaised,
    AdviceGiven,
    AnswerReceived,

    /// <summary>The thread is told the request was handed on, with the new decider(s) @mentioned.</summary>
    Reassigned,

    /// <summary>The thread is told an approver declared a conflict and who may still decide.</summary>
    ConflictDeclared,
}

/// <summary>Scheduled work the command starts or stops, in the same transaction.</summary>
public enum WorkflowJob
{
    /// <summary>Cancel the approvers' reminders and escalations: nothing fires after a decision.</summary>
    CancelApproverReminders,

    /// <summary>Ask the practitioner to record what happened, and remind them (after approval).</summary>
    AskForOutcome,

    /// <summary>Offer the practitioner "reconsider with new information" (after a decline).</summary>
    OfferReconsider,

    /// <summary>Remind the approvers, then escalate, while an emergency record awaits their review.</summary>
    ScheduleReviewReminders,

    /// <summary>Stop the practitioner's reminders: the record they owed is given.</summary>
    CancelPractitionerReminders,

    /// <summary>Cancel every job of the record: nothing more is owed by anyone.</summary>
    CancelAllJobs,

    /// <summary>Escalate now (a conflict left no one else who may decide): the escalation finds who can, or tells the admins.</summary>
    EscalateNow,
    /// <summary>Remind the practitioner of an approver's question, then tell the thread it went unanswered.</summary>
    AskForAnswer,

    /// <summary>Stop the question's reminders and its unanswered notice: the practitioner answered.</summary>
    CancelAnswerReminders,

    /// <summary>Remind the approvers before a submitted request's deadline, then escalate after it.</summary>
    ScheduleApproverReminders,

    /// <summary>Remind the practitioner of the retrospective record of an emergency, then tell the approvers it is overdue.</summary>
    AskForEmergencyRecord,

    /// <summary>Remind the approvers of a consultation awaiting their advice, then escalate.</summary>
    ScheduleAdviceReminders,
}

/// <summary>The reply to the person who acted: which view of the card, with what banner, or a message.</summary>
public sealed record WorkflowReply(ReplyView View, string? Text = null)
{
    public static WorkflowReply Channel(string? banner = null) => new(ReplyView.Channel, banner);

    public static WorkflowReply Detail(string? note = null) => new(ReplyView.Detail, note);

    public static WorkflowReply Message(string text) => new(ReplyView.Message, text);
}

public enum ReplyView
{
    /// <summary>The shared card everyone sees (with <see cref="WorkflowReply.Text"/> as its banner).</summary>
    Channel,

    /// <summary>The approver's detail view (audited; <see cref="WorkflowReply.Text"/>: what an Action.Submit client is told instead).</summary>
    Detail,

    /// <summary>A message instead of a card (a refusal).</summary>
    Message,

    /// <summary>The shared card with the field errors and the inputs kept.</summary>
    Errors,

    /// <summary>The detail view with the field errors and the inputs kept (the advice card's answer form).</summary>
    DetailErrors,
}
