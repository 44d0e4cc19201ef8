using System.Text.Json;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Storage;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Dialog;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// The jobs that follow an approver's decision on a request (<see cref="WorkflowJob"/>), in the decision's own
/// transaction: after approval the practitioner is asked, and then reminded, to record what happened; after a decline
/// they are offered "reconsider with new information".
/// </summary>
public sealed class DecisionFollowUp(
    BotDbContext db,
    PolicyDocument policy,
    ScheduledJobs jobs,
    TimeProvider time,
    IOptionsMonitor<SafeguardingOptions> options)
{
    /// <summary>After approval: ask the practitioner to record what happened, and remind them.</summary>
    public void AskForOutcome(InfoRequestRow request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (SafeguardingRecords.Scope(request) is not { } scope)
        {
            return;
        }

        var now = time.GetUtcNow();
        NotifyAfterDecision(request.Id, "ask for the outcome", new NotificationPayload
        {
            Text = "When you have shared it (or decided not to), record what happened:",
            Card = SafeguardingFormCards.Outcome(policy, request.Id, request.Reference, request.CaseReference, scope),
        }, now);
        jobs.Schedule(request.Id, ReminderPlanner.ForOutcome(now, options.CurrentValue.Reminders));
    }

    /// <summary>After a decline: offer the practitioner "reconsider with new information".</summary>
    public void OfferReconsider(InfoRequestRow request)
    {
        ArgumentNullException.ThrowIfNull(request);
        NotifyAfterDecision(request.Id, "offer to reconsider", new NotificationPayload
        {
            Card = SafeguardingCards.Reconsider(request.Id, request.Reference, policy.Safeguarding.Texts.Reconsider),
        }, time.GetUtcNow());
    }

    /// <summary>A message to the practitioner ordered just after the decision notice (the outbox sends in creation order).</summary>
    private void NotifyAfterDecision(Guid requestId, string purpose, NotificationPayload payload, DateTimeOffset now) => db.Outbox.Add(new OutboxMessageRow
    {
        Id = Guid.CreateVersion7(),
        Operation = OutboxOperations.NotifyRequester,
        Purpose = purpose,
        RequestId = requestId,
        ServiceUrl = string.Empty,
        PayloadJson = JsonSerializer.Serialize(payload, NotificationJsonContext.Default.NotificationPayload),
        Status = OutboxStatus.Pending,
        CreatedAt = now.UtcDateTime.AddMilliseconds(1),
        NextAttemptAt = now.UtcDateTime,
    });
}
