using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tests.Workflow;

/// <summary>
/// The decision workflow as a table: for every record kind, every status it can be in × every command that changes a
/// record, the outcome and the new status; then who may act, partial approval and the views.
/// </summary>
public sealed class DecisionWorkflowTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Requester = new("requester-oid", "29:requester", "Pat Practitioner");
    private static readonly Actor Approver = new("approver-oid", "29:approver", "Arnold Approver") { Kinds = ApproverKind.Approver | ApproverKind.Dpo | ApproverKind.PreventLead };

    private static readonly Dictionary<string, string[]> StatusesOf = new()
    {
        [RecordKinds.Request] = [SafeguardingStatus.FromDraft, RequestStatus.Pending, RequestStatus.MoreInfoRequested, RequestStatus.Approved, RequestStatus.Declined],
        [RecordKinds.Emergency] = [SafeguardingStatus.FromDraft, SafeguardingStatus.RecordDue, SafeguardingStatus.ReviewPending, SafeguardingStatus.Acknowledged, SafeguardingStatus.ConcernRaised, SafeguardingStatus.NothingShared],
        [RecordKinds.Advice] = [SafeguardingStatus.FromDraft, SafeguardingStatus.AwaitingAdvice, SafeguardingStatus.AdviceGiven],
        [RecordKinds.NotShared] = [SafeguardingStatus.FromDraft, SafeguardingStatus.DecidedNotToShare],
    };

    private static readonly string[] Commands =
    [
        ApprovalVerbs.Approve, ApprovalVerbs.ApproveInPart, ApprovalVerbs.Decline, ApprovalVerbs.MoreInfo, ApprovalVerbs.Conflict, ApprovalVerbs.Reassign, StatusTable.Answer, StatusTable.Outcome,
        SafeguardingVerbs.Acknowledge, SafeguardingVerbs.RaiseConcern, SafeguardingVerbs.AdviceAnswer,
        StatusTable.EmergencyRecorded, StatusTable.EmergencyNothingShared, StatusTable.EmergencyFull, StatusTable.NotShared,
        StatusTable.Submit, StatusTable.EmergencyDeclared, StatusTable.AdviceAsked,
    ];

    private static readonly string[] RequesterCommands = [StatusTable.Answer, StatusTable.Outcome, StatusTable.EmergencyRecorded, StatusTable.EmergencyNothingShared, StatusTable.EmergencyFull, StatusTable.NotShared,
        StatusTable.Submit, StatusTable.EmergencyDeclared, StatusTable.AdviceAsked];

    /// <summary>The expected machine, written out by hand: (kind, status, command) → new status ("=" stays); anything not listed changes nothing.</summary>
    private static readonly Dictionary<(string Kind, string Status, string Command), string> Changes = new()
    {
        [(RecordKinds.Request, RequestStatus.Pending, ApprovalVerbs.Approve)] = RequestStatus.Approved,
        [(RecordKinds.Request, RequestStatus.Pending, ApprovalVerbs.ApproveInPart)] = RequestStatus.Approved,
        [(RecordKinds.Request, RequestStatus.Pending, ApprovalVerbs.Decline)] = RequestStatus.Declined,
        [(RecordKinds.Request, RequestStatus.Pending, ApprovalVerbs.MoreInfo)] = RequestStatus.MoreInfoRequested,
        [(RecordKinds.Request, RequestStatus.Pending, ApprovalVerbs.Conflict)] = "=",
        [(RecordKinds.Request, RequestStatus.MoreInfoRequested, ApprovalVerbs.Conflict)] = "=",
        [(RecordKinds.Request, RequestStatus.Pending, ApprovalVerbs.Reassign)] = "=",
        [(RecordKinds.Request, RequestStatus.MoreInfoRequested, ApprovalVerbs.Reassign)] = "=",
        [(RecordKinds.Request, RequestStatus.MoreInfoRequested, StatusTable.Answer)] = RequestStatus.Pending,
        [(RecordKinds.Request, RequestStatus.Approved, StatusTable.Outcome)] = "=",
        [(RecordKinds.Emergency, SafeguardingStatus.RecordDue, StatusTable.EmergencyRecorded)] = SafeguardingStatus.ReviewPending,
        [(RecordKinds.Emergency, SafeguardingStatus.RecordDue, StatusTable.EmergencyNothingShared)] = SafeguardingStatus.NothingShared,
        [(RecordKinds.Emergency, SafeguardingStatus.ReviewPending, StatusTable.EmergencyFull)] = "=",
        [(RecordKinds.Emergency, SafeguardingStatus.Acknowledged, StatusTable.EmergencyFull)] = "=",
        [(RecordKinds.Emergency, SafeguardingStatus.ConcernRaised, StatusTable.EmergencyFull)] = "=",
        [(RecordKinds.Emergency, SafeguardingStatus.ReviewPending, SafeguardingVerbs.Acknowledge)] = SafeguardingStatus.Acknowledged,
        [(RecordKinds.Emergency, SafeguardingStatus.ReviewPending, SafeguardingVerbs.RaiseConcern)] = SafeguardingStatus.ConcernRaised,
        [(RecordKinds.Advice, SafeguardingStatus.AwaitingAdvice, SafeguardingVerbs.AdviceAnswer)] = SafeguardingStatus.AdviceGiven,
        [(RecordKinds.NotShared, SafeguardingStatus.FromDraft, StatusTable.NotShared)] = SafeguardingStatus.DecidedNotToShare,
        [(RecordKinds.Request, SafeguardingStatus.FromDraft, StatusTable.Submit)] = RequestStatus.Pending,
        [(RecordKinds.Emergency, SafeguardingStatus.FromDraft, StatusTable.EmergencyDeclared)] = SafeguardingStatus.RecordDue,
        [(RecordKinds.Advice, SafeguardingStatus.FromDraft, StatusTable.AdviceAsked)] = SafeguardingStatus.AwaitingAdvice,
    };

    public static TheoryData<string, string, string> EveryKindStatusAndCommand()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (kind, statuses) in StatusesOf)
        {
            foreach (var status in statuses)
            {
                foreach (var command in Commands)
                {
                    data.Add(kind, status, command);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKindStatusAndCommand))]
    public void Next_EveryKindStatusAndCommand_ChangesOnlyWhatTheTableSays(string kind, string status, string command)
    {
        var record = Record(kind, status, withQuestion: true);
        var actor = RequesterCommands.Contains(command) ? Requester : Approver;

        var result = DecisionWorkflow.Next(record, Command(command), actor, Now);

        if (Changes.TryGetValue((kind, status, command), out var to))
        {
            Assert.Equal(WorkflowOutcome.Applied, result.Outcome);
            Assert.Equal(to == "=" ? null : to, result.NewStatus);
            Assert.NotNull(result.Action);
            Assert.Equal(RequesterCommands.Contains(command) ? "Requester" : Approver.Kinds.ToString(), result.Action.Role);
            Assert.Single(result.Audit);
            Assert.Equal(command is not (StatusTable.EmergencyNothingShared or StatusTable.NotShared or StatusTable.EmergencyDeclared), result.Sends.Any(s => s.Kind is SendKind.UpdateCard or SendKind.PostCard));
        }
        else
        {
            Assert.NotEqual(WorkflowOutcome.Applied, result.Outcome);
            Assert.Null(result.NewStatus);
            Assert.Null(result.Action);
            Assert.Empty(result.Sends);
            Assert.Empty(result.Jobs);
        }
    }

    [Fact]
    public void Next_NotSharedFromDraft_DecidedByThePractitioner_NothingToTheApprovers()
    {
        var record = Record(RecordKinds.NotShared, SafeguardingStatus.FromDraft);

        var result = DecisionWorkflow.Next(record, Command(StatusTable.NotShared), Requester, Now);

        Assert.Equal(WorkflowOutcome.Applied, result.Outcome);
        Assert.True(result.Decides);
        Assert.Equal(SafeguardingStatus.DecidedNotToShare, result.Decision);
        Assert.Empty(result.Sends);
        Assert.Empty(result.Jobs);
        Assert.Equal("not-shared-recorded", Assert.Single(result.Audit).Action);
        Assert.Contains("nothing was sent to the approvers", result.Reply.Text, StringComparison.Ordinal);
        Assert.Equal(WorkflowOutcome.Refused, DecisionWorkflow.Next(record, Command(StatusTable.NotShared), Approver, Now).Outcome); // only its maker
    }

    [Theory]
    [InlineData(RecordKinds.Request, StatusTable.Submit, RequestStatus.Pending, "submitted", WorkflowJob.ScheduleApproverReminders, true)]
    [InlineData(RecordKinds.Emergency, StatusTable.EmergencyDeclared, SafeguardingStatus.RecordDue, "emergency-declared", WorkflowJob.AskForEmergencyRecord, false)]
    [InlineData(RecordKinds.Advice, StatusTable.AdviceAsked, SafeguardingStatus.AwaitingAdvice, "advice-asked", WorkflowJob.ScheduleAdviceReminders, true)]
    public void Next_RecordMadeByThePractitioner_StartsItsJobs_AndPostsACardOnlyWhenTheApproversAreNeeded(string kind, string verb, string to, string audit, WorkflowJob job, bool posts)
    {
        var record = Record(kind, SafeguardingStatus.FromDraft);

        var result = DecisionWorkflow.Next(record, Command(verb), Requester, Now);

        Assert.Equal(WorkflowOutcome.Applied, result.Outcome);
        Assert.Equal(to, result.NewStatus);
        Assert.False(result.Decides);
        Assert.Equal([job], result.Jobs);
        Assert.Equal(posts ? [SendKind.PostCard] : [], result.Sends.Select(s => s.Kind));
        Assert.Equal(audit, Assert.Single(result.Audit).Action);
        Assert.Equal("Requester", result.Action!.Role);
        Assert.Equal(WorkflowOutcome.Refused, DecisionWorkflow.Next(record, Command(verb), Approver, Now).Outcome); // only its maker
    }

    [Fact]
    public void StatusTable_EveryRow_IsInTheHandWrittenMachine()
    {
        var rows = StatusTable.Rows.Select(r => (r.Kind, r.From, r.Verb)).ToList();

        Assert.Equal(Changes.Keys.OrderBy(k => k.ToString()), rows.OrderBy(k => k.ToString()));
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

    [Theory]
    [InlineData(RequestStatus.Approved, ApprovalVerbs.Approve, "Already approved by Dee Decider on 1 Dec 2026, 09:30 GMT; your click changed nothing.")]
    [InlineData(RequestStatus.Declined, ApprovalVerbs.Conflict, "Already declined by Dee Decider on 1 Dec 2026, 09:30 GMT; your click changed nothing.")]
    [InlineData(RequestStatus.MoreInfoRequested, ApprovalVerbs.Approve, "ISR-2026-0001 is waiting for the practitioner's answer; you can decide once they reply.")]
    public void Next_RequestNotPending_SaysWhyNothingChanged(string status, string verb, string text)
    {
        var record = Record(RecordKinds.Request, status) with { DecidedByName = "Dee Decider", DecidedAt = new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc) };

        var result = DecisionWorkflow.Next(record, Command(verb), Approver, Now);

        Assert.Equal(WorkflowOutcome.Unchanged, result.Outcome);
        Assert.Equal(text, result.Reply.Text);
    }

    [Theory]
    [InlineData(RecordKinds.Request, ApprovalVerbs.Approve, "You made this request, so you cannot act on it as an approver.")]
    [InlineData(RecordKinds.Emergency, SafeguardingVerbs.Acknowledge, "You made this record, so you cannot act on it as an approver.")]
    [InlineData(RecordKinds.Advice, SafeguardingVerbs.AdviceAnswer, "You made this record, so you cannot act on it as an approver.")]
    public void Next_RequesterActsAsApprover_RefusedAndAudited(string kind, string verb, string reason)
    {
        var record = Record(kind, StatusesOf[kind].First(s => Changes.ContainsKey((kind, s, verb))));
        var requesterWhoApproves = Requester with { Kinds = ApproverKind.Approver };

        var result = DecisionWorkflow.Next(record, Command(verb), requesterWhoApproves, Now);

        Assert.Equal(WorkflowOutcome.Refused, result.Outcome);
        Assert.Equal(reason, result.Reply.Text);
        var audit = Assert.Single(result.Audit);
        Assert.Equal("refused-action", audit.Action);
        Assert.Equal(verb, (string?)audit.Details["verb"]);
    }

    [Fact]
    public void Next_NotAnApprover_Refused()
    {
        var result = DecisionWorkflow.Next(Record(RecordKinds.Emergency, SafeguardingStatus.ReviewPending), Command(SafeguardingVerbs.Acknowledge),
            new Actor("someone", null, "Someone"), Now);

        Assert.Equal(WorkflowOutcome.Refused, result.Outcome);
        Assert.Equal("Only approvers can act on this.", result.Reply.Text);
    }

    [Fact]
    public void Next_ApproverWhoDeclaredAConflict_MayNotDecideButMayViewDetails()
    {
        var record = Record(RecordKinds.Request, RequestStatus.Pending) with { Actions = [new PriorAction(ApprovalVerbs.Conflict, Approver.ObjectId, "Approver")] };

        var decide = DecisionWorkflow.Next(record, Command(ApprovalVerbs.Approve), Approver, Now);
        var details = DecisionWorkflow.Next(record, Command(ApprovalVerbs.Details), Approver, Now);

        Assert.Equal(WorkflowOutcome.Refused, decide.Outcome);
        Assert.Contains("conflict of interest", decide.Reply.Text, StringComparison.Ordinal);
        Assert.Equal(WorkflowOutcome.Shown, details.Outcome);
        Assert.Equal(ReplyView.Detail, details.Reply.View);
    }

    [Fact]
    public void Next_DpoAndPreventLeadBothRequired_FirstApprovalIsPartialSecondDecides()
    {
        var record = Record(RecordKinds.Request, RequestStatus.Pending) with { RequiresDpo = true, RequiresPreventLead = true };
        var dpo = new Actor("dpo-oid", null, "Dana DPO") { Kinds = ApproverKind.Approver | ApproverKind.Dpo };
        var prevent = new Actor("prevent-oid", null, "Priya Prevent") { Kinds = ApproverKind.Approver | ApproverKind.PreventLead };

        var first = DecisionWorkflow.Next(record, Command(ApprovalVerbs.Approve), dpo, Now);
        var afterFirst = record with { Actions = [new PriorAction(RecordActionKinds.PartialApproval, dpo.ObjectId, dpo.Kinds.ToString())] };
        var second = DecisionWorkflow.Next(afterFirst, Command(ApprovalVerbs.Approve), prevent, Now);

        Assert.Equal(WorkflowOutcome.Applied, first.Outcome);
        Assert.Null(first.NewStatus);
        Assert.Equal(RecordActionKinds.PartialApproval, first.Action!.Action);
        Assert.DoesNotContain(first.Sends, s => s.Kind == SendKind.NotifyRequester);
        Assert.Equal(RequestStatus.Approved, second.NewStatus);
        Assert.True(second.Decides);
        Assert.Contains(second.Sends, s => s is { Kind: SendKind.NotifyRequester, Notice: NoticeKind.Approved });
        Assert.Equal([WorkflowJob.CancelApproverReminders, WorkflowJob.AskForOutcome], second.Jobs);
    }

    [Fact]
    public void Next_OnlyDpoMayDecide_PlainApproverRefused()
    {
        var record = Record(RecordKinds.Request, RequestStatus.Pending) with { RequiresDpo = true };

        var result = DecisionWorkflow.Next(record, Command(ApprovalVerbs.Decline), new Actor("a", null, "A") { Kinds = ApproverKind.Approver }, Now);

        Assert.Equal(WorkflowOutcome.Refused, result.Outcome);
        Assert.Equal("This request must be decided by the Data Protection Officer.", result.Reply.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Next_Decline_OffersReconsiderOnlyWhenAsked(bool reconsider)
    {
        var result = DecisionWorkflow.Next(Record(RecordKinds.Request, RequestStatus.Pending), Command(ApprovalVerbs.Decline) with { Reconsider = reconsider, Code = "not-necessary", Text = "Not necessary here." }, Approver, Now);

        Assert.Equal(reconsider, result.Jobs.Contains(WorkflowJob.OfferReconsider));
        Assert.Equal("not-necessary", result.Action!.ReasonCode);
        Assert.Equal("Not necessary here.", result.Action.Text);
        Assert.Equal(RequestStatus.Declined, result.Decision);
    }

    [Fact]
    public void Next_FieldErrors_InvalidAndNothingChanges()
    {
        var command = Command(ApprovalVerbs.Decline) with { FieldErrors = new Dictionary<string, string> { ["declineReason"] = "Explain the decision." } };

        var result = DecisionWorkflow.Next(Record(RecordKinds.Request, RequestStatus.Pending), command, Approver, Now);

        Assert.Equal(WorkflowOutcome.Invalid, result.Outcome);
        Assert.Equal(ReplyView.Errors, result.Reply.View);
        Assert.False(result.Writes);
    }

    [Theory]
    [InlineData("approver", false, ReplyView.Detail, "detail-view-opened")]
    [InlineData("approver", true, ReplyView.Detail, "detail-view-automatic")]
    [InlineData("requester", false, ReplyView.Channel, null)]
    [InlineData("nobody", true, ReplyView.Channel, null)]
    public void Next_Refresh_ApproversGetTheAuditedDetailViewOthersTheSharedCard(string who, bool automatic, ReplyView view, string? audited)
    {
        var actor = who switch { "approver" => Approver, "requester" => Requester with { Kinds = ApproverKind.Approver }, _ => new Actor("x", null, "X") };

        var result = DecisionWorkflow.Next(Record(RecordKinds.Request, RequestStatus.Approved), Command(ApprovalVerbs.Refresh) with { Automatic = automatic }, actor, Now);

        Assert.Equal(WorkflowOutcome.Shown, result.Outcome);
        Assert.Equal(view, result.Reply.View);
        Assert.Equal(audited, result.Audit.SingleOrDefault()?.Action);
    }

    [Theory]
    [InlineData(ApprovalVerbs.MoreInfo, RequestStatus.Pending, RequestStatus.MoreInfoRequested, WorkflowJob.AskForAnswer)]
    [InlineData(StatusTable.Answer, RequestStatus.MoreInfoRequested, RequestStatus.Pending, WorkflowJob.CancelAnswerReminders)]
    public void Next_QuestionAndAnswer_StartAndStopThePractitionersReminders(string command, string from, string to, WorkflowJob job)
    {
        var actor = command == StatusTable.Answer ? Requester : Approver;

        var result = DecisionWorkflow.Next(Record(RecordKinds.Request, from, withQuestion: true), Command(command) with { Text = "What school does the child attend now?" }, actor, Now);

        Assert.Equal(WorkflowOutcome.Applied, result.Outcome);
        Assert.Equal(to, result.NewStatus);
        Assert.Equal([job], result.Jobs);
    }

    [Fact]
    public void StatusTable_OnlyTheQuestionAsksForAnAnswer_OnlyTheAnswerStopsIt()
    {
        Assert.Equal([(RecordKinds.Request, RequestStatus.Pending, ApprovalVerbs.MoreInfo)],
            StatusTable.Rows.Where(r => r.Jobs.Contains(WorkflowJob.AskForAnswer)).Select(r => (r.Kind, r.From, r.Verb)));
        Assert.Equal([(RecordKinds.Request, RequestStatus.MoreInfoRequested, StatusTable.Answer)],
            StatusTable.Rows.Where(r => r.Jobs.Contains(WorkflowJob.CancelAnswerReminders)).Select(r => (r.Kind, r.From, r.Verb)));
    }

    [Theory]
    [InlineData(new[] { ApprovalVerbs.MoreInfo }, false)]
    [InlineData(new[] { ApprovalVerbs.MoreInfo, RecordActionKinds.MoreInfoUnanswered }, true)]
    [InlineData(new[] { ApprovalVerbs.MoreInfo, RecordActionKinds.MoreInfoUnanswered, RecordActionKinds.Answered }, false)]
    [InlineData(new[] { ApprovalVerbs.MoreInfo, RecordActionKinds.MoreInfoUnanswered, RecordActionKinds.Answered, ApprovalVerbs.MoreInfo }, false)]
    [InlineData(new[] { ApprovalVerbs.MoreInfo, RecordActionKinds.MoreInfoUnanswered, ApprovalVerbs.Conflict }, true)]
    public void QuestionUnanswered_OnlyWhileTheLatestQuestionIsMarkedAndUnanswered(string[] actions, bool unanswered)
    {
        Assert.Equal(unanswered, RecordActionKinds.QuestionUnanswered(actions));
        Assert.Equal(unanswered ? "More information requested (unanswered)" : "More information requested", RequestStatus.Title(RequestStatus.MoreInfoRequested, unanswered));
    }

    [Fact]
    public void Next_AnswerByAnotherPerson_RefusedAsNotTheirs()
    {
        var result = DecisionWorkflow.Next(Record(RecordKinds.Request, RequestStatus.MoreInfoRequested, withQuestion: true), Command(StatusTable.Answer), Approver, Now);

        Assert.Equal(WorkflowOutcome.Refused, result.Outcome);
        Assert.Equal("That request was not found among yours.", result.Reply.Text);
    }

    [Fact]
    public void Next_AnswerWithConfirmedIdentifierKinds_AuditsTheKindsNotTheText()
    {
        var command = Command(StatusTable.Answer) with { Text = "Seen at 1 High Street", ConfirmedIdentifierKinds = ["address"] };

        var result = DecisionWorkflow.Next(Record(RecordKinds.Request, RequestStatus.MoreInfoRequested, withQuestion: true), command, Requester, Now);

        var audit = Assert.Single(result.Audit);
        Assert.Equal(RecordActionKinds.MoreInfoAnsweredAudit, audit.Action);
        Assert.Equal(true, (bool?)audit.Details["identifierConfirmed"]);
        Assert.DoesNotContain("High Street", audit.Details.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(result.Sends, s => s is { Kind: SendKind.ThreadReply, Notice: NoticeKind.AnswerReceived });
        Assert.Equal("Requester", result.Action!.Role);
    }

    [Theory]
    [InlineData(StatusTable.EmergencyRecorded, SendKind.PostCard, WorkflowJob.ScheduleReviewReminders)]
    [InlineData(StatusTable.EmergencyNothingShared, null, WorkflowJob.CancelAllJobs)]
    public void Next_RetrospectiveRecord_SharedGoesToTheApproversNothingSharedEndsIt(string verb, SendKind? send, WorkflowJob job)
    {
        var command = Command(verb) with { Text = null, AuditDetails = new() { ["categories"] = "health" } };

        var result = DecisionWorkflow.Next(Record(RecordKinds.Emergency, SafeguardingStatus.RecordDue), command, Requester, Now);

        Assert.Equal(send, result.Sends.SingleOrDefault()?.Kind);
        Assert.Equal([job], result.Jobs);
        Assert.False(result.Decides);
        Assert.Equal("{\"reference\":\"ISR-2026-0001\",\"categories\":\"health\"}", result.Audit.Single().Details.ToJsonString());
    }

    [Theory]
    [InlineData(RecordKinds.Request, RequestStatus.Approved, StatusTable.Outcome)]
    [InlineData(RecordKinds.Emergency, SafeguardingStatus.Acknowledged, StatusTable.EmergencyFull)]
    public void Next_RecordOwedAlreadyGiven_ChangesNothing(string kind, string status, string verb)
    {
        var result = DecisionWorkflow.Next(Record(kind, status) with { OutcomeRecorded = true }, Command(verb), Requester, Now);

        Assert.Equal(WorkflowOutcome.Unchanged, result.Outcome);
        Assert.False(result.Writes);
    }

    [Fact]
    public void Next_RecordOwedGivenBySomeoneElse_Refused()
    {
        var result = DecisionWorkflow.Next(Record(RecordKinds.Request, RequestStatus.Approved), Command(StatusTable.Outcome), Approver, Now);

        Assert.Equal(WorkflowOutcome.Refused, result.Outcome);
        Assert.Equal("That record was not found among yours.", result.Reply.Text);
    }

    [Fact]
    public void Next_AdviceAnswered_DecisionIsTheSuggestedOutcome()
    {
        var command = Command(SafeguardingVerbs.AdviceAnswer) with { Text = "Share with the school's DSL.", Code = "share" };

        var result = DecisionWorkflow.Next(Record(RecordKinds.Advice, SafeguardingStatus.AwaitingAdvice), command, Approver, Now);

        Assert.Equal("share", result.Decision);
        Assert.Equal("share", (string?)result.Audit.Single().Details["suggestedOutcome"]);
        Assert.Contains(result.Sends, s => s is { Kind: SendKind.NotifyRequester, Notice: NoticeKind.AdviceGiven });
    }

    private static WorkflowCommand Command(string verb) => new()
    {
        Verb = verb,
        Text = "Some text of the right length.",
        Code = verb == ApprovalVerbs.Reassign ? Deciders.PersonPrefix + "colleague-oid" : null,
        // Approve in part: one of the two categories kept, the one recipient kept.
        ApprovedCategoryIds = verb == ApprovalVerbs.ApproveInPart ? ["emotional-mental-health"] : null,
        ApprovedRecipientTypeIds = verb == ApprovalVerbs.ApproveInPart ? ["police"] : null,
    };

    private static WorkflowCommand InPart(string[] categories, string[] recipients) =>
        Command(ApprovalVerbs.ApproveInPart) with { ApprovedCategoryIds = categories, ApprovedRecipientTypeIds = recipients, Text = "Family detail is not needed for the referral." };

    [Fact]
    public void Next_ApproveInPart_DecidesApprovedRecordsWhatWasApprovedAndIsNotTheFirstOfTwoApprovals()
    {
        var result = DecisionWorkflow.Next(Record(RecordKinds.Request, RequestStatus.Pending), InPart(["emotional-mental-health"], ["police"]), Approver, Now);

        Assert.Equal(WorkflowOutcome.Applied, result.Outcome);
        Assert.Equal(RequestStatus.Approved, result.NewStatus);
        Assert.True(result.Decides);
        Assert.Equal(RequestStatus.Approved, result.Decision);
        Assert.Equal(RecordActionKinds.ApprovedInPart, result.Action!.Action);
        Assert.NotEqual(RecordActionKinds.PartialApproval, result.Action.Action);
        Assert.Equal("Family detail is not needed for the referral.", result.Action.Text);
        Assert.Equal(["emotional-mental-health"], result.InPart!.CategoryIds);
        Assert.Equal(["family-relationships"], result.InPart.LeftOutCategoryIds);
        Assert.Equal(["police"], result.InPart.RecipientTypeIds);
        Assert.Empty(result.InPart.LeftOutRecipientTypeIds);
        var audit = Assert.Single(result.Audit);
        Assert.Equal("approve-in-part", audit.Action);
        Assert.Equal("[\"family-relationships\"]", audit.Details["leftOutCategories"]!.ToJsonString());
        Assert.DoesNotContain("Family detail", audit.Details.ToJsonString(), StringComparison.Ordinal); // the ids, never the note
        Assert.Contains(result.Sends, s => s is { Kind: SendKind.NotifyRequester, Notice: NoticeKind.ApprovedInPart });
        Assert.Contains(result.Sends, s => s.Kind == SendKind.UpdateCard);
        Assert.Equal([WorkflowJob.CancelApproverReminders, WorkflowJob.AskForOutcome], result.Jobs);
    }

    [Theory]
    [InlineData(new string[0], new[] { "police" }, "that is a decline")]
    [InlineData(new[] { "emotional-mental-health" }, new string[0], "that is a decline")]
    [InlineData(new[] { "emotional-mental-health", "family-relationships" }, new[] { "police" }, "that is a plain approval")]
    public void Next_ApproveInPart_TickingNothingOrEverything_IsRefusedWithWhatToDoInstead(string[] categories, string[] recipients, string says)
    {
        var result = DecisionWorkflow.Next(Record(RecordKinds.Request, RequestStatus.Pending), InPart(categories, recipients), Approver, Now);

        Assert.Equal(WorkflowOutcome.Invalid, result.Outcome);
        Assert.Equal(ReplyView.Errors, result.Reply.View);
        Assert.Contains(says, result.Reply.Text, StringComparison.Ordinal);
        Assert.False(result.Writes);
    }

    [Theory]
    [InlineData(new[] { "emotional-mental-health", "offending-history" }, new[] { "police" })]
    [InlineData(new[] { "emotional-mental-health" }, new[] { "police", "gp-practice" })]
    public void Next_ApproveInPart_ValuesTheRequestDoesNotHave_ForgedSubmitRefusedAndAudited(string[] categories, string[] recipients)
    {
        var result = DecisionWorkflow.Next(Record(RecordKinds.Request, RequestStatus.Pending), InPart(categories, recipients), Approver, Now);

        Assert.Equal(WorkflowOutcome.Refused, result.Outcome);
        Assert.Null(result.Action);
        Assert.Empty(result.Sends);
        var audit = Assert.Single(result.Audit);
        Assert.Equal("refused-action", audit.Action);
        Assert.Equal("unknown values", (string?)audit.Details["reason"]);
    }

    [Fact]
    public void Next_ApproveInPart_AlreadyDecided_DoubleClickChangesNothing()
    {
        var record = Record(RecordKinds.Request, RequestStatus.Approved) with { DecidedByName = "Dee Decider", DecidedAt = new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc) };

        var result = DecisionWorkflow.Next(record, InPart(["emotional-mental-health"], ["police"]), Approver, Now);

        Assert.Equal(WorkflowOutcome.Unchanged, result.Outcome);
        Assert.Equal("Already approved by Dee Decider on 1 Dec 2026, 09:30 GMT; your click changed nothing.", result.Reply.Text);
        Assert.False(result.Writes);
    }

    [Fact]
    public void Next_ApproveInPart_WhenAnotherApproverKindMustStillApprove_ChangesNothingAndSaysWho_AsTheLastApprovalItDecides()
    {
        var record = Record(RecordKinds.Request, RequestStatus.Pending) with { RequiresDpo = true, RequiresPreventLead = true };
        var dpo = new Actor("dpo-oid", null, "Dana DPO") { Kinds = ApproverKind.Approver | ApproverKind.Dpo };
        var prevent = new Actor("prevent-oid", null, "Priya Prevent") { Kinds = ApproverKind.Approver | ApproverKind.PreventLead };

        var first = DecisionWorkflow.Next(record, InPart(["emotional-mental-health"], ["police"]), dpo, Now);
        var afterDpo = record with { Actions = [new PriorAction(RecordActionKinds.PartialApproval, dpo.ObjectId, dpo.Kinds.ToString())] };
        var last = DecisionWorkflow.Next(afterDpo, InPart(["emotional-mental-health"], ["police"]), prevent, Now);

        Assert.Equal(WorkflowOutcome.Unchanged, first.Outcome);
        Assert.Contains("also needs the approval of the Prevent lead", first.Reply.Text, StringComparison.Ordinal);
        Assert.False(first.Writes);
        Assert.Equal(WorkflowOutcome.Applied, last.Outcome);
        Assert.Equal(RecordActionKinds.ApprovedInPart, last.Action!.Action);
        Assert.True(last.Decides);
    }

    [Fact]
    public void Next_ApproveInPart_ByAPlainApproverWhenTheDpoMustDecide_Refused()
    {
        var record = Record(RecordKinds.Request, RequestStatus.Pending) with { RequiresDpo = true };

        var result = DecisionWorkflow.Next(record, InPart(["emotional-mental-health"], ["police"]), new Actor("a", null, "A") { Kinds = ApproverKind.Approver }, Now);

        Assert.Equal(WorkflowOutcome.Refused, result.Outcome);
        Assert.Equal("This request must be decided by the Data Protection Officer.", result.Reply.Text);
    }

    private static RecordSnapshot Record(string kind, string status, bool withQuestion = false) => new()
    {
        Id = Guid.Parse("0195f000-0000-7000-8000-000000000001"),
        Reference = "ISR-2026-0001",
        Kind = kind,
        Status = status,
        Revision = 3,
        RequesterObjectId = Requester.ObjectId,
        RequesterUserId = Requester.ChannelUserId,
        Actions = withQuestion ? [new PriorAction(ApprovalVerbs.MoreInfo, "approver-oid", "Approver")] : [],
        RequestedCategoryIds = ["emotional-mental-health", "family-relationships"],
        RequestedRecipientTypeIds = ["police"],
        Candidates = [new Candidate(Approver.ObjectId, Approver.ChannelUserId, Approver.Name, Approver.Kinds), new Candidate("colleague-oid", "29:colleague", "Colin Colleague", ApproverKind.Approver)],
    };
}
