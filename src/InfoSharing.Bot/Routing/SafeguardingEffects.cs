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
/// (type "emergency") through the decision workflow (which starts its reminders), the advice path offers the consultation form, and a decision not to share becomes its own record (type "not-shared"). Returns the cards to send after the dialog's own replies.
/// </summary>
public sealed class SafeguardingEffects(
    PolicyDocument policy,
    RequestReferences references,
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
        var reference = await references.NextAsync(options.CurrentValue.NotSharedReferencePrefix, at, cancellationToken);
        var row = records.NewNotShared(reference, turn.MakerAs(effect.Requester), decision, at, retention);
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
        var row = records.NewEmergency(reference, turn.MakerAs(effect.Requester), effect);
        await approvals.CreateAsync(turn.Actor, row, new WorkflowCommand
        {
            Verb = StatusTable.EmergencyDeclared,
            AuditDetails = new JsonObject
            {
                ["policyVersion"] = policy.Version,
                ["recordDueUtc"] = effect.RetrospectiveRecordDueUtc.UtcDateTime.ToString("O"),
            },
        }, cancellationToken);
        return DialogReply.FromCard(
            SafeguardingFormCards.EmergencyShort(policy, row.Id, reference, effect.StartedAtUtc, effect.RetrospectiveRecordDueUtc),
            $"This emergency is recorded as **{reference}**. When the person is safe, fill in the short record below; the approvers will review it afterwards.");
    }
}
