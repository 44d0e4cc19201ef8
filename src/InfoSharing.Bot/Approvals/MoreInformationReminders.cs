using System.Text.Json;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// What the reminder scheduler sends while an approver's question waits for the practitioner (jobs planned by
/// <see cref="ReminderPlanner.ForMoreInfo"/>, in the scheduler's unit of work): the question card again, then, at the
/// policy limit, a notice in the approvers' thread, a <see cref="RecordActionKinds.MoreInfoUnanswered"/> action on the
/// request (its card, my requests and the exports say so) and the card updated. The answer cancels both jobs.
/// </summary>
public static class MoreInformationReminders
{
    /// <summary>The name the unanswered mark is recorded under in the request's history.</summary>
    public const string SystemActor = "InfoSharing bot";

    public static async Task SendAsync(IServiceProvider services, ScheduledJobRow job, InfoRequestRow row, DateTimeOffset now, ReminderOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(options);
        var db = services.GetRequiredService<BotDbContext>();
        var outbox = services.GetRequiredService<Outbox>();
        var question = await db.ApprovalActions.AsNoTracking()
            .Where(a => a.RequestId == row.Id && a.Action == ApprovalVerbs.MoreInfo)
            .OrderByDescending(a => a.Id)
            .FirstOrDefaultAsync(ct);
        var askedBy = question?.ActorName ?? "An approver";
        var asked = ApprovalCards.FormatUk(question?.At ?? row.CreatedAt);
        var purpose = $"{job.Kind} #{job.Sequence}";
        if (job.Kind == JobKinds.MoreInfoReminder)
        {
            outbox.Enqueue(OutboxOperations.NotifyRequester, purpose, row.Id, JsonSerializer.Serialize(new NotificationPayload
            {
                Alert = true,
                Text = $"Reminder: {askedBy} asked a question about **{row.Reference}** (case {row.CaseReference}) on {asked}. The request waits for your answer.",
                Card = PractitionerCards.MoreInformation(row.Id, row.Reference, askedBy, question?.Text ?? string.Empty, null, null),
            }, NotificationJsonContext.Default.NotificationPayload));
            if (ReminderPlanner.NextMoreInfoReminder(job.Sequence, new DateTimeOffset(job.DueAt, TimeSpan.Zero), options) is { } next)
            {
                services.GetRequiredService<ScheduledJobs>().Schedule(row.Id, [next.DueAt < now ? next with { DueAt = now + options.MoreInfoReminderInterval } : next]);
            }

            return;
        }

        db.ApprovalActions.Add(new ApprovalActionRow
        {
            RequestId = row.Id,
            ActorAadObjectId = "system",
            ActorName = SystemActor,
            ActorRole = "System",
            Action = RecordActionKinds.MoreInfoUnanswered,
            At = now.UtcDateTime,
        });
        outbox.Enqueue(OutboxOperations.ChannelNotice, purpose, row.Id, JsonSerializer.Serialize(new NotificationPayload
        {
            Text = $"Unanswered: {askedBy} asked the practitioner ({row.RequesterName}) for more information about **{row.Reference}** "
                   + $"(case {row.CaseReference}) on {asked}, and no answer has come. The request stays open; follow it up with them directly.",
        }, NotificationJsonContext.Default.NotificationPayload));
        outbox.Enqueue(OutboxOperations.UpdateApprovalCard, "show question unanswered", row.Id);
    }
}
