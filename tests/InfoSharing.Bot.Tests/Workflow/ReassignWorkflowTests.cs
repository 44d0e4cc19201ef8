using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tests.Workflow;

/// <summary>
/// Hand on, conflict and cover in the pure workflow (domain.md §7.1): whom a request may be handed to, that a conflict
/// escalates at once when no one else may decide, and that reminders go only to people who may decide.
/// </summary>
public sealed class ReassignWorkflowTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Candidate Dpo = new("dpo-oid", "29:dpo", "Dana DPO", ApproverKind.Dpo | ApproverKind.Approver);
    private static readonly Candidate DpoDeputy = new("dpo-deputy-oid", "29:dpo-deputy", "Dev Deputy", ApproverKind.Dpo | ApproverKind.Approver);
    private static readonly Candidate Plain = new("approver-oid", "29:approver", "Arnold Approver", ApproverKind.Approver);
    private static readonly Candidate Prevent = new("prevent-oid", "29:prevent", "Pria Prevent", ApproverKind.PreventLead | ApproverKind.Approver);
    private static readonly Candidate Requester = new("requester-oid", "29:requester", "Pat Practitioner", ApproverKind.Approver);

    private static Actor As(Candidate c) => new(c.ObjectId, c.UserId, c.Name) { Kinds = c.Kinds };

    private static RecordSnapshot DpoRequest(params Candidate[] candidates) => new()
    {
        Id = Guid.Parse("0195f000-0000-7000-8000-000000000002"),
        Reference = "ISR-2026-0002",
        Kind = RecordKinds.Request,
        Status = RequestStatus.Pending,
        RequesterObjectId = Requester.ObjectId,
        RequesterUserId = Requester.UserId,
        RequiresDpo = true,
        Candidates = candidates,
    };

    private static WorkflowCommand Reassign(string target) => new() { Verb = ApprovalVerbs.Reassign, Code = target };

    [Theory]
    [InlineData(ApprovalVerbs.Reassign, RequestStatus.Pending, WorkflowOutcome.Applied)]
    [InlineData(ApprovalVerbs.Reassign, RequestStatus.MoreInfoRequested, WorkflowOutcome.Applied)]
    [InlineData(ApprovalVerbs.Reassign, RequestStatus.Approved, WorkflowOutcome.Unchanged)]
    [InlineData(ApprovalVerbs.Reassign, RequestStatus.Declined, WorkflowOutcome.Unchanged)]
    [InlineData(ApprovalVerbs.Conflict, RequestStatus.Pending, WorkflowOutcome.Applied)]
    [InlineData(ApprovalVerbs.Conflict, RequestStatus.MoreInfoRequested, WorkflowOutcome.Applied)]
    [InlineData(ApprovalVerbs.Conflict, RequestStatus.Approved, WorkflowOutcome.Unchanged)]
    [InlineData(ApprovalVerbs.Conflict, RequestStatus.Declined, WorkflowOutcome.Unchanged)]
    public void ReassignAndConflict_EveryRequestStatus_ActOnlyWhileUndecided_AndTellTheThread(string verb, string status, WorkflowOutcome outcome)
    {
        var record = DpoRequest(Dpo, DpoDeputy, Plain) with { Status = status, DecidedByName = "Dee", DecidedAt = Now };
        var command = verb == ApprovalVerbs.Reassign ? Reassign(Deciders.PersonPrefix + DpoDeputy.ObjectId) : new WorkflowCommand { Verb = verb };

        var result = DecisionWorkflow.Next(record, command, As(Dpo), Now);

        Assert.Equal(outcome, result.Outcome);
        Assert.Null(result.NewStatus);
        Assert.Equal(outcome == WorkflowOutcome.Applied, result.Sends.Any(s => s.Kind == SendKind.ThreadReply));
        Assert.DoesNotContain(WorkflowJob.EscalateNow, result.Jobs); // the deputy may still decide
    }

    [Fact]
    public void Reassign_ToADeputyWhoMayDecide_MentionsThemInTheThreadAndRecordsTheTarget()
    {
        var result = DecisionWorkflow.Next(DpoRequest(Dpo, DpoDeputy, Plain), Reassign(Deciders.PersonPrefix + DpoDeputy.ObjectId) with { Text = "I am in court all week." }, As(Dpo), Now);

        Assert.Equal(WorkflowOutcome.Applied, result.Outcome);
        Assert.Equal(ApprovalVerbs.Reassign, result.Action!.Action);
        Assert.Equal(Deciders.PersonPrefix + DpoDeputy.ObjectId, result.Action.ReasonCode);
        var audit = Assert.Single(result.Audit);
        Assert.Equal(StatusTable.Reassigned, audit.Action);
        Assert.Equal(Deciders.PersonPrefix + DpoDeputy.ObjectId, (string?)audit.Details["target"]);
        var thread = Assert.Single(result.Sends, s => s.Kind == SendKind.ThreadReply);
        Assert.Equal(NoticeKind.Reassigned, thread.Notice);
        Assert.Equal([DpoDeputy.ObjectId], thread.Mention.Select(c => c.ObjectId));
        Assert.Contains(result.Sends, s => s.Kind == SendKind.UpdateCard);
        Assert.Equal("Handed on to Dev Deputy; the thread was told.", result.Reply.Text);
    }

    [Fact]
    public void Reassign_ToTheDpoRole_MentionsEveryoneWhoHoldsItAndMayDecide()
    {
        var result = DecisionWorkflow.Next(DpoRequest(Dpo, DpoDeputy, Plain), Reassign(Deciders.RolePrefix + "Dpo"), As(Plain), Now);

        Assert.Equal(WorkflowOutcome.Applied, result.Outcome);
        var thread = Assert.Single(result.Sends, s => s.Kind == SendKind.ThreadReply);
        Assert.Equal([Dpo.ObjectId, DpoDeputy.ObjectId], thread.Mention.Select(c => c.ObjectId));
    }

    [Theory]
    [InlineData("person:approver-oid", "This request must be decided by the Data Protection Officer; Arnold Approver cannot decide it.")]
    [InlineData("person:requester-oid", "Pat Practitioner made this request, so they cannot decide it.")]
    [InlineData("person:nobody-oid", "That person is not an approver, so the request cannot be handed to them.")]
    [InlineData("role:PreventLead", "This request must be decided by the Data Protection Officer, so it cannot be handed to the Prevent lead.")]
    [InlineData("role:Admin", "That is not an approver or a role this request can be handed to.")]
    [InlineData("", "Choose the approver or role to hand this request to.")]
    public void Reassign_ToSomeoneWhoMayNotDecide_RefusedClearlyAndAudited(string target, string reason)
    {
        var result = DecisionWorkflow.Next(DpoRequest(Dpo, DpoDeputy, Plain, Prevent, Requester), Reassign(target), As(Dpo), Now);

        Assert.Equal(WorkflowOutcome.Refused, result.Outcome);
        Assert.Equal(reason, result.Reply.Text);
        Assert.Null(result.Action);
        Assert.Equal("refused-action", Assert.Single(result.Audit).Action);
    }

    [Fact]
    public void Reassign_ToSomeoneWhoDeclaredAConflict_Refused()
    {
        var record = DpoRequest(Dpo, DpoDeputy) with { Actions = [new PriorAction(ApprovalVerbs.Conflict, DpoDeputy.ObjectId, "Dpo, Approver")] };

        var result = DecisionWorkflow.Next(record, Reassign(Deciders.PersonPrefix + DpoDeputy.ObjectId), As(Dpo), Now);

        Assert.Equal(WorkflowOutcome.Refused, result.Outcome);
        Assert.Equal("Dev Deputy declared a conflict of interest on this request, so they cannot decide it.", result.Reply.Text);
    }

    [Fact]
    public void Reassign_ByTheRequesterOrAConflictedApprover_Refused()
    {
        var conflicted = DpoRequest(Dpo, DpoDeputy) with { Actions = [new PriorAction(ApprovalVerbs.Conflict, Dpo.ObjectId, "Dpo, Approver")] };

        Assert.Equal(WorkflowOutcome.Refused, DecisionWorkflow.Next(DpoRequest(Dpo, DpoDeputy), Reassign("role:Dpo"), As(Requester), Now).Outcome);
        Assert.Equal(WorkflowOutcome.Refused, DecisionWorkflow.Next(conflicted, Reassign("role:Dpo"), As(Dpo), Now).Outcome);
    }

    [Fact]
    public void Conflict_ByTheOnlyPersonWhoMayDecide_EscalatesAtOnceAndTellsTheThread()
    {
        var result = DecisionWorkflow.Next(DpoRequest(Dpo, Plain), new WorkflowCommand { Verb = ApprovalVerbs.Conflict }, As(Dpo), Now);

        Assert.Equal(WorkflowOutcome.Applied, result.Outcome);
        Assert.Contains(WorkflowJob.EscalateNow, result.Jobs);
        var thread = Assert.Single(result.Sends, s => s.Kind == SendKind.ThreadReply);
        Assert.Equal(NoticeKind.ConflictDeclared, thread.Notice);
        Assert.Empty(thread.Mention);
    }

    [Fact]
    public void Conflict_WithADeputyLeft_NoEscalationAndTheThreadIsToldWhoMayDecide()
    {
        var result = DecisionWorkflow.Next(DpoRequest(Dpo, DpoDeputy, Plain), new WorkflowCommand { Verb = ApprovalVerbs.Conflict }, As(Dpo), Now);

        Assert.DoesNotContain(WorkflowJob.EscalateNow, result.Jobs);
        Assert.Equal([DpoDeputy.ObjectId], Assert.Single(result.Sends, s => s.Kind == SendKind.ThreadReply).Mention.Select(c => c.ObjectId));
    }

    [Fact]
    public void Recipients_SkipTheAwayTheConflictedAndTheRequester_AndIncludeTheCover()
    {
        var away = Dpo with { Away = true };
        var cover = Plain with { Kinds = Plain.Kinds | ApproverKind.Dpo, CoversFor = Dpo.ObjectId };
        var record = DpoRequest(away, DpoDeputy, cover, Requester with { Kinds = ApproverKind.Dpo | ApproverKind.Approver }) with
        {
            Actions = [new PriorAction(ApprovalVerbs.Conflict, DpoDeputy.ObjectId, "Dpo, Approver")],
        };

        Assert.Equal([cover.ObjectId], ReminderPlanner.Recipients(record).Select(c => c.ObjectId));
    }

    [Fact]
    public void Recipients_AfterAHandOnToAnAwayApprover_AreTheirCover()
    {
        var away = Dpo with { Away = true };
        var cover = Plain with { Kinds = Plain.Kinds | ApproverKind.Dpo, CoversFor = Dpo.ObjectId };
        var record = DpoRequest(away, DpoDeputy, cover) with { Actions = [new PriorAction(ApprovalVerbs.Reassign, "x", "Approver", Deciders.PersonPrefix + Dpo.ObjectId)] };

        Assert.Equal([cover.ObjectId], ReminderPlanner.Recipients(record).Select(c => c.ObjectId));
    }

    [Fact]
    public void Recipients_NoOneMayDecide_Empty()
    {
        var record = DpoRequest(Dpo with { Away = true }, Plain);

        Assert.Empty(ReminderPlanner.Recipients(record));
    }
}
