using System.Text.Json.Nodes;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Workflow;

/// <summary>
/// The decision workflow of every record kind, as one pure function: what a command by an actor does to a record at
/// a moment, decided from the snapshot and the <see cref="StatusTable"/>. No I/O, no clock, no turn: the shell
/// (Approvals/DecisionService) loads the snapshot, runs this, and applies the result with one compare-and-set.
/// </summary>
public static class DecisionWorkflow
{
    public static WorkflowResult Next(RecordSnapshot record, WorkflowCommand command, Actor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        var isRequest = record.Kind == RecordKinds.Request;
        var isRequester = actor.Is(record.RequesterObjectId, record.RequesterUserId);

        if (StatusTable.IsRequesterCommand(command.Verb))
        {
            return ByRequester(record, command, actor, isRequester);
        }

        if (command.Verb is ApprovalVerbs.Refresh or SafeguardingVerbs.Refresh)
        {
            // Teams' user-specific refresh: approvers get their detail view (audited), anyone else the shared card.
            var allowed = actor.Kinds != ApproverKind.None && !isRequester;
            return Shown(record, allowed ? WorkflowReply.Detail() : WorkflowReply.Channel(),
                allowed ? ViewAudit(record, command.Automatic ? ViewActions.Automatic : ViewActions.Opened, command.Automatic ? "automatic" : "manual") : null);
        }

        if (WhyNot(record, command.Verb, actor, isRequester) is { } refusal)
        {
            return Refused(record, WorkflowReply.Message(refusal), new AuditEntry(ViewActions.Refused, new JsonObject
            {
                ["verb"] = command.Verb,
                ["reason"] = refusal,
                ["reference"] = record.Reference,
            }));
        }

        if (command.Verb is ApprovalVerbs.Details or SafeguardingVerbs.ReviewDetails or SafeguardingVerbs.AdviceOpen)
        {
            return Shown(record,
                WorkflowReply.Detail(isRequest ? "Details are shown only through the card's Details button in Teams." : "The details are shown only through the card's buttons in Teams."),
                ViewAudit(record, ViewActions.Opened, isRequest ? "details-button" : command.Verb));
        }

        var row = StatusTable.Find(record.Kind, record.Status, command.Verb);
        if (row is null)
        {
            return Unchanged(record, NotApplicable(record));
        }

        if (command.FieldErrors.Count > 0)
        {
            return new WorkflowResult
            {
                Outcome = WorkflowOutcome.Invalid,
                FromStatus = record.Status,
                Reply = new WorkflowReply(record.Kind == RecordKinds.Advice ? ReplyView.DetailErrors : ReplyView.Errors,
                    record.Kind == RecordKinds.Advice ? "Please correct the highlighted fields." : "Please correct the highlighted field."),
            };
        }

        if (row.Verb == ApprovalVerbs.Reassign && Deciders.WhyNotReassign(record, command.Code) is { } notTo)
        {
            return Refused(record, WorkflowReply.Message(notTo), new AuditEntry(ViewActions.Refused, new JsonObject
            {
                ["verb"] = command.Verb,
                ["reason"] = notTo,
                ["reference"] = record.Reference,
                ["target"] = command.Code,
            }));
        }

        if (row.Verb == ApprovalVerbs.Approve && Remaining(record, actor) != ApproverKind.None)
        {
            // One of the approver kinds the request needs has approved; the other must still approve.
            row = row with { To = null, ActionKind = RecordActionKinds.PartialApproval, AuditAction = RecordActionKinds.PartialApproval, Decides = false, Notice = NoticeKind.None, Jobs = [] };
        }

        if (row.Verb == ApprovalVerbs.ApproveInPart)
        {
            return InPart(record, command, actor, row);
        }

        return Apply(record, command, actor, row);
    }

    /// <summary>
    /// Approve in part (§7.1): the ticked categories and recipients must be the request's own (else a forged submit,
    /// refused and audited), leave something out (else it is a plain approval) and keep something (else it is a
    /// decline). It decides the request, so it is the last approval the request needs.
    /// </summary>
    private static WorkflowResult InPart(RecordSnapshot record, WorkflowCommand command, Actor actor, Transition row)
    {
        var categories = command.ApprovedCategoryIds ?? [];
        var recipients = command.ApprovedRecipientTypeIds ?? [];
        var unknown = categories.Where(c => !record.RequestedCategoryIds.Contains(c, StringComparer.Ordinal))
            .Concat(recipients.Where(r => !record.RequestedRecipientTypeIds.Contains(r, StringComparer.Ordinal))).ToList();
        if (record.RequestedCategoryIds.Count == 0 || unknown.Count > 0)
        {
            var refusal = $"The approval in part named something {record.Reference} does not ask to share, so nothing was recorded. Use the buttons of the card as it is shown now.";
            return Refused(record, WorkflowReply.Message(refusal), new AuditEntry(ViewActions.Refused, new JsonObject
            {
                ["verb"] = command.Verb,
                ["reason"] = "unknown values",
                ["unknown"] = new JsonArray([.. unknown.Select(u => (JsonNode?)u)]),
                ["reference"] = record.Reference,
            }));
        }

        var leftOutCategories = record.RequestedCategoryIds.Where(c => !categories.Contains(c, StringComparer.Ordinal)).ToList();
        var leftOutRecipients = record.RequestedRecipientTypeIds.Where(r => !recipients.Contains(r, StringComparer.Ordinal)).ToList();
        var problem = categories.Count == 0 || recipients.Count == 0
            ? "Nothing is left ticked, so nothing would be approved: that is a decline. Use Decline (with its reason), or tick what may be shared."
            : leftOutCategories.Count == 0 && leftOutRecipients.Count == 0
                ? "Everything is still ticked: that is a plain approval. Use Approve, or untick what may not be shared."
                : null;
        if (problem is not null)
        {
            return new WorkflowResult { Outcome = WorkflowOutcome.Invalid, FromStatus = record.Status, Reply = new WorkflowReply(ReplyView.Errors, problem) };
        }

        if (Remaining(record, actor) is var remaining and not ApproverKind.None)
        {
            return Unchanged(record, WorkflowReply.Message(
                $"{record.Reference} also needs the approval of {ApprovalRules.Describe(remaining)}. Approving in part decides the request, so it must be the last approval: approve it in full, or leave it to them."));
        }

        var scope = new ApprovedInPart(
            [.. record.RequestedCategoryIds.Where(c => categories.Contains(c, StringComparer.Ordinal))],
            [.. record.RequestedRecipientTypeIds.Where(r => recipients.Contains(r, StringComparer.Ordinal))],
            leftOutCategories, leftOutRecipients);
        var applied = Apply(record, command, actor, row);
        var details = applied.Audit[0].Details;
        details["approvedCategories"] = Ids(scope.CategoryIds);
        details["approvedRecipientTypes"] = Ids(scope.RecipientTypeIds);
        details["leftOutCategories"] = Ids(scope.LeftOutCategoryIds);
        details["leftOutRecipientTypes"] = Ids(scope.LeftOutRecipientTypeIds);
        if (command.ConfirmedIdentifierKinds.Count > 0)
        {
            details["identifierConfirmed"] = true;
            details["identifierKinds"] = Ids(command.ConfirmedIdentifierKinds);
        }
        return applied with { InPart = scope };
    }

    private static JsonArray Ids(IReadOnlyList<string> ids) => new([.. ids.Select(i => (JsonNode?)i)]);

    /// <summary>Why this person may not do this, or null when they may (decided on the server, never by the card).</summary>
    public static string? WhyNot(RecordSnapshot record, string verb, Actor actor, bool isRequester)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(actor);
        if (record.Kind == RecordKinds.Request)
        {
            var declaredConflict = record.Actions.Any(a => a.Action == ApprovalVerbs.Conflict && string.Equals(a.ActorObjectId, actor.ObjectId, StringComparison.OrdinalIgnoreCase));
            return ApprovalRules.WhyNot(verb, actor.Kinds, isRequester, declaredConflict, record.Required);
        }

        return isRequester ? "You made this record, so you cannot act on it as an approver."
            : actor.Kinds == ApproverKind.None ? "Only approvers can act on this."
            : null;
    }

    /// <summary>The approver kinds the request still needs if this actor approves now.</summary>
    public static ApproverKind Remaining(RecordSnapshot record, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(actor);
        var satisfied = actor.Kinds;
        foreach (var prior in record.Actions.Where(a => a.Action == RecordActionKinds.PartialApproval))
        {
            satisfied |= Enum.TryParse<ApproverKind>(prior.ActorRole, out var k) ? k : ApproverKind.None;
        }

        return ApprovalRules.Remaining(record.Required, satisfied);
    }

    private static WorkflowResult Apply(RecordSnapshot record, WorkflowCommand command, Actor actor, Transition row)
    {
        var to = row.To ?? record.Status;
        var isAnswer = row.Verb == StatusTable.Answer;
        var details = new JsonObject { ["reference"] = record.Reference };
        if (row.ByRequester && !isAnswer)
        {
            foreach (var (key, value) in command.AuditDetails ?? [])
            {
                details[key] = value?.DeepClone();
            }
        }
        else if (record.Kind == RecordKinds.Advice)
        {
            details["suggestedOutcome"] = command.Code;
        }
        else
        {
            details["from"] = record.Status;
            details["to"] = to;
        }

        if (record.Kind == RecordKinds.Request && !row.ByRequester)
        {
            details["reasonCode"] = command.Code;
        }

        if (row.Verb == ApprovalVerbs.Reassign)
        {
            details["target"] = command.Code;
        }

        if (!row.ByRequester)
        {
            details["roles"] = actor.Kinds.ToString();
        }
        else if (command.ConfirmedIdentifierKinds.Count > 0)
        {
            details["identifierConfirmed"] = true;
            details["identifierKinds"] = new JsonArray([.. command.ConfirmedIdentifierKinds.Select(k => (JsonNode?)k)]);
        }

        if (record.Kind == RecordKinds.Request && !row.ByRequester)
        {
            details["reviewDate"] = null; // set by the shell from the retention rules when the request is decided
        }

        var after = record.Kind switch
        {
            _ when isAnswer => "after answer",
            _ when row.ByRequester => CardPurpose(row),
            RecordKinds.Request => "after " + row.ActionKind,
            RecordKinds.Advice => "after answer",
            _ => "after " + to,
        };
        var sends = new List<WorkflowSend>();
        if (row.Card != CardSend.None)
        {
            sends.Add(new WorkflowSend(row.Card == CardSend.Post ? SendKind.PostCard : SendKind.UpdateCard, after));
        }

        var handedOn = HandedOn(record, command, actor, row);
        if (row.Notice is NoticeKind.AnswerReceived or NoticeKind.Reassigned or NoticeKind.ConflictDeclared)
        {
            sends.Add(new WorkflowSend(SendKind.ThreadReply, row.Notice == NoticeKind.AnswerReceived ? "answer notice" : row.ActionKind + " notice", row.Notice)
            {
                Mention = handedOn is null ? [] : Deciders.Targets(handedOn),
            });
        }
        else if (row.Notice != NoticeKind.None)
        {
            sends.Add(new WorkflowSend(SendKind.NotifyRequester, record.Kind == RecordKinds.Advice ? "advice to the practitioner" : $"tell requester: {to}", row.Notice));
        }

        return new WorkflowResult
        {
            Outcome = WorkflowOutcome.Applied,
            FromStatus = record.Status,
            NewStatus = row.To,
            Decides = row.Decides,
            Decision = row.Decides ? (record.Kind == RecordKinds.Advice ? command.Code : to) : null,
            Action = new RecordedAction(row.ActionKind, row.ByRequester ? "Requester" : actor.Kinds.ToString(), command.Text,
                record.Kind == RecordKinds.Request && !row.ByRequester ? command.Code : null,
                row.Verb == ApprovalVerbs.Approve ? command.Conditions : null),
            Audit = [new AuditEntry(row.AuditAction, details)],
            Sends = sends,
            Jobs = [.. row.Jobs.Where(j => j != WorkflowJob.OfferReconsider || command.Reconsider),
                .. row.Verb == ApprovalVerbs.Conflict && handedOn is not null && Deciders.Targets(handedOn).Count == 0 ? [WorkflowJob.EscalateNow] : Array.Empty<WorkflowJob>()],
            Reply = row.Verb == ApprovalVerbs.Reassign ? WorkflowReply.Channel($"Handed on to {Deciders.Describe(record, command.Code)}; the thread was told.")
                : isAnswer
                ? WorkflowReply.Message($"Thank you. Your answer was added to **{record.Reference}** and the approvers were told; you will hear here when they decide.")
                : row.Verb == StatusTable.NotShared
                ? WorkflowReply.Message($"Recorded as **{record.Reference}**: you decided not to share. It needs no approval and nothing was sent to the approvers; "
                    + "the record keeps your answers so far and your reasons. Type `my requests` to see it.")
                : row.ByRequester ? WorkflowReply.Message($"Recorded in **{record.Reference}**.") : WorkflowReply.Channel(),
        };
    }

    /// <summary>After a reassignment or a conflict: the record with that action added (whom it now goes to), or null for other commands or no candidates.</summary>
    private static RecordSnapshot? HandedOn(RecordSnapshot record, WorkflowCommand command, Actor actor, Transition row) =>
        row.Verb is ApprovalVerbs.Reassign or ApprovalVerbs.Conflict && record.Candidates is not null
            ? record with { Actions = [.. record.Actions, new PriorAction(row.Verb, actor.ObjectId, actor.Kinds.ToString(), command.Code)] }
            : null;

    /// <summary>A command of the practitioner who made the record: their answer, or a record they owe.</summary>
    private static WorkflowResult ByRequester(RecordSnapshot record, WorkflowCommand command, Actor actor, bool isRequester)
    {
        var isAnswer = command.Verb == StatusTable.Answer;
        if (!isRequester)
        {
            return Refused(record, WorkflowReply.Message(isAnswer ? "That request was not found among yours." : "That record was not found among yours."), null);
        }

        var row = StatusTable.Find(record.Kind, record.Status, command.Verb);
        if (isAnswer && (row is null || !record.Actions.Any(a => a.Action == ApprovalVerbs.MoreInfo)))
        {
            return Unchanged(record, WorkflowReply.Message($"{record.Reference} is not waiting for an answer from you ({RequestStatus.Title(record.Status).ToLowerInvariant()})."));
        }

        if (row is null || (row.Verb is StatusTable.EmergencyFull or StatusTable.Outcome && record.OutcomeRecorded))
        {
            return Unchanged(record, WorkflowReply.Message($"**{record.Reference}** does not need that now ({RequestStatus.Title(record.Status).ToLowerInvariant()}{(record.OutcomeRecorded ? ", its record is complete" : string.Empty)})."));
        }

        return command.FieldErrors.Count > 0
            ? new WorkflowResult { Outcome = WorkflowOutcome.Invalid, FromStatus = record.Status, Reply = new WorkflowReply(ReplyView.Errors, string.Join(" ", command.FieldErrors.Values)) }
            : Apply(record, command, actor, row);
    }

    private static string CardPurpose(Transition row) => row.Verb switch
    {
        StatusTable.EmergencyRecorded => "retrospective review card",
        StatusTable.AdviceAsked => "advice card",
        StatusTable.Submit => "approval card",
        StatusTable.EmergencyFull => "full record given",
        _ => "outcome recorded",
    };

    /// <summary>What a command that the record's status does not take is answered with.</summary>
    private static WorkflowReply NotApplicable(RecordSnapshot record) => record.Kind switch
    {
        RecordKinds.Request when RequestStatus.IsDecided(record.Status) => WorkflowReply.Channel(
            $"Already {RequestStatus.Title(record.Status).ToLowerInvariant()} by {record.DecidedByName} on {Format(record.DecidedAt)}; your click changed nothing."),
        RecordKinds.Request when record.Status == RequestStatus.MoreInfoRequested => WorkflowReply.Message(
            $"{record.Reference} is waiting for the practitioner's answer; you can decide once they reply."),
        RecordKinds.Emergency => WorkflowReply.Channel($"Already reviewed ({RequestStatus.Title(record.Status).ToLowerInvariant()}); your click changed nothing."),
        RecordKinds.Advice => WorkflowReply.Channel("This consultation has already been answered; your answer was not sent."),
        _ => WorkflowReply.Channel($"{record.Reference} is {RequestStatus.Title(record.Status).ToLowerInvariant()}; your click changed nothing."),
    };

    private static string Format(DateTime? utc) => UkTime.Format(new DateTimeOffset(DateTime.SpecifyKind(utc ?? default, DateTimeKind.Utc)));

    private static AuditEntry ViewAudit(RecordSnapshot record, string action, string trigger) =>
        new(action, new JsonObject { ["trigger"] = trigger, ["reference"] = record.Reference });

    private static WorkflowResult Shown(RecordSnapshot record, WorkflowReply reply, AuditEntry? audit) =>
        new() { Outcome = WorkflowOutcome.Shown, FromStatus = record.Status, Reply = reply, Audit = audit is null ? [] : [audit] };

    private static WorkflowResult Refused(RecordSnapshot record, WorkflowReply reply, AuditEntry? audit) =>
        new() { Outcome = WorkflowOutcome.Refused, FromStatus = record.Status, Reply = reply, Audit = audit is null ? [] : [audit] };

    private static WorkflowResult Unchanged(RecordSnapshot record, WorkflowReply reply) =>
        new() { Outcome = WorkflowOutcome.Unchanged, FromStatus = record.Status, Reply = reply };

    /// <summary>The audit actions of views and refusals (the same strings as Storage.AuditActions).</summary>
    public static class ViewActions
    {
        public const string Opened = "detail-view-opened";
        public const string Automatic = "detail-view-automatic";
        public const string Refused = "refused-action";
    }
}
