using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Storage;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// Carries out the dialog's safeguarding effects inside the turn's unit of work: an emergency becomes its own record
/// (type "emergency") with its reminders, the advice path offers the consultation form, and a submitted request gets
/// its approvers' reminder and escalation. Returns the cards to send after the dialog's own replies.
/// </summary>
public sealed class SafeguardingEffects(
    BotDbContext db,
    PolicyDocument policy,
    AuditLog audit,
    RequestReferences references,
    ScheduledJobs jobs,
    SafeguardingRecords records,
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
