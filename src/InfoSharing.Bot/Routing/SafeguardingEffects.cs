using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Records.Retention;
using InfoSharing.Bot.Storage;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// Carries out the dialog's safeguarding effects inside the turn's unit of work: an emergency becomes its own record
/// (type "emergency") with its reminders, the advice path offers the consultation form, a submitted request gets
/// its approvers' reminder and escalation, and a decision not to share becomes its own record (type "not-shared"). Returns the cards to send after the dialog's own replies.
/// </summary>
public sealed class SafeguardingEffects(
    BotDbContext db,
    PolicyDocument policy,
    AuditLog audit,
    RequestReferences references,
    ScheduledJobs jobs,
    SafeguardingRecords records,
    ApprovalService approvals,
    RecordRetention retention,
    IOptionsMonitor<SafeguardingOptions> options)
{
    public async Task<IReadOnlyList<DialogReply>> ApplyAsync(TurnContext turn, IReadOnlyList<DialogEffect> effects, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(effects);
        var replies = new List<DialogReply>();
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case StartEmergencyEffect emergency:
                    replies.Add(await StartEmergencyAsync(turn, emergency, cancellationToken));
                    break;
                case StartAdviceEffect advice:
                    replies.Add(DialogReply.FromCard(SafeguardingFormCards.Advice(policy, advice.Trigger, AdviceConsultationForm.ValuesFromSeed(advice.Seed))));
                    break;
            }
        }

        return replies;
    }

    /// <summary>A request was submitted (same unit of work): remind the approvers before its deadline, escalate after.</summary>
    public void OnSubmitted(Guid requestId, RequestSubmission submission, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(submission);
        jobs.Schedule(requestId, ReminderPlanner.ForRequest(submission.DeadlineId, submission.DueByUtc, now, options.CurrentValue.Reminders));
    }

    /// <summary>
    /// The draft closed as a decision not to share (§3.1), same unit of work: a reference, then the record through the
    /// decision workflow (its audit entry; no approval, nothing posted). Returns the record and the reply that names it.
    /// </summary>
    public async Task<(Guid Id, string Reply)> RecordNotSharedAsync(TurnContext turn, RecordNotSharedEffect effect, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(effect);
        var at = now.UtcDateTime;
        var decision = effect.Decision;
        await audit.LockAsync(cancellationToken); // before the reference counter, as a submission
        var reference = await references.NextAsync(options.CurrentValue.NotSharedReferencePrefix, at, cancellationToken);
        var row = new InfoRequestRow
        {
            Id = Guid.CreateVersion7(),
            Reference = reference,
            Kind = RecordKinds.NotShared,
            Status = SafeguardingStatus.FromDraft,
            RequesterAadObjectId = effect.Requester.ObjectId,
            RequesterUserId = turn.Activity.From?.Id,
            RequesterName = effect.Requester.DisplayName,
            RequesterConversationKey = turn.ConversationKey,
            CaseReference = decision.Answers.About?.CaseReference ?? string.Empty,
            MatterType = decision.Answers.About?.MatterTypeId ?? RecordKinds.NotShared,
            SubjectType = decision.Answers.About is { } about ? string.Join(',', about.AllSubjectTypeIds) : null,
            Urgency = RecordKinds.NotShared,
            PolicyVersion = decision.PolicyVersion,
            AnswersJson = JsonSerializer.Serialize(decision, DialogJsonContext.Default.NotSharedDecision),
            SummaryJson = JsonSerializer.Serialize(records.NotSharedSummary(reference, effect.Requester.DisplayName, decision), ApprovalsJsonContext.Default.ApprovalSummary),
            DetailJson = "{}",
            CreatedAt = decision.DraftCreatedAtUtc.UtcDateTime,
            SubmittedAt = at,
            RetentionClass = retention.ClassFor(RecordKinds.NotShared),
            ReviewDate = retention.ReviewDateFor(RecordKinds.NotShared, at),
        };
        row.DetailJson = JsonSerializer.Serialize(records.Detail(row), ApprovalsJsonContext.Default.ApprovalDetail);
        var command = new WorkflowCommand
        {
            Verb = StatusTable.NotShared,
            Text = string.Join("; ", NotSharedForm.Titles(decision.ReasonIds)),
            ConfirmedIdentifierKinds = decision.ConfirmedNoIdentifierFields,
            AuditDetails = new JsonObject
            {
                ["reasons"] = string.Join(',', decision.ReasonIds),
                ["policyVersion"] = decision.PolicyVersion,
                ["draftId"] = decision.DraftId,
                ["lastStep"] = DraftTransitions.StepName(decision.LastStep),
            },
        };
        var result = await approvals.CreateAsync(turn.Actor, row, command, cancellationToken);
        return (row.Id, result.Reply.Text ?? $"Recorded as **{reference}**.");
    }

    private async Task<DialogReply> StartEmergencyAsync(TurnContext turn, StartEmergencyEffect effect, CancellationToken cancellationToken)
    {
        var started = effect.StartedAtUtc.UtcDateTime;
        var reference = await references.NextAsync(options.CurrentValue.EmergencyReferencePrefix, started, cancellationToken);
        var row = new InfoRequestRow
        {
            Id = Guid.CreateVersion7(),
            Reference = reference,
            Kind = RecordKinds.Emergency,
            Status = SafeguardingStatus.RecordDue,
            RequesterAadObjectId = effect.Requester.ObjectId,
            RequesterUserId = turn.Activity.From?.Id,
            RequesterName = effect.Requester.DisplayName,
            RequesterConversationKey = turn.ConversationKey,
            CaseReference = string.Empty,
            MatterType = RecordKinds.Emergency,
            Urgency = RecordKinds.Emergency,
            Deadline = effect.RetrospectiveRecordDueUtc.UtcDateTime,
            PolicyVersion = policy.Version,
            AnswersJson = "{}",
            SummaryJson = "{}",
            DetailJson = JsonSerializer.Serialize(new ApprovalDetail { Sections = [] }, ApprovalsJsonContext.Default.ApprovalDetail),
            CreatedAt = started,
        };
        row.SummaryJson = JsonSerializer.Serialize(records.EmergencySummary(row, null, null), ApprovalsJsonContext.Default.ApprovalSummary);
        db.Requests.Add(row);
        db.ApprovalActions.Add(new ApprovalActionRow
        {
            RequestId = row.Id,
            ActorAadObjectId = effect.Requester.ObjectId,
            ActorUserId = turn.Activity.From?.Id,
            ActorName = effect.Requester.DisplayName,
            ActorRole = "Requester",
            Action = RecordActionKinds.EmergencyDeclared,
            At = started,
        });
        await audit.AppendAsync(effect.Requester.ObjectId, "emergency-declared", RecordKinds.Emergency, row.Id.ToString(), new JsonObject
        {
            ["reference"] = reference,
            ["policyVersion"] = policy.Version,
            ["recordDueUtc"] = effect.RetrospectiveRecordDueUtc.UtcDateTime.ToString("O"),
        }, cancellationToken);
        jobs.Schedule(row.Id, ReminderPlanner.ForEmergency(effect.StartedAtUtc, effect.RetrospectiveRecordDueUtc, options.CurrentValue.Reminders));
        return DialogReply.FromCard(
            SafeguardingFormCards.EmergencyShort(policy, row.Id, reference, effect.StartedAtUtc, effect.RetrospectiveRecordDueUtc),
            $"This emergency is recorded as **{reference}**. When the person is safe, fill in the short record below; the approvers will review it afterwards.");
    }
}
