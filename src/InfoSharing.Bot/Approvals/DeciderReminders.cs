using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// A request's reminder or escalation, inside the scheduler's transaction: it @mentions only people who may decide
/// (<see cref="ReminderPlanner.Recipients"/>); when no one may, it says so in the thread and on the card (an action
/// by the bot) and tells the administrators in their 1:1 chats.
/// </summary>
public sealed class DeciderReminders(BotDbContext db, Outbox outbox, AuditLog audit, TimeProvider time, IOptionsMonitor<ApprovalOptions> options)
{
    public const string BotName = "InfoSharing Bot";

    public async Task NoticeAsync(InfoRequestRow row, IReadOnlyList<Candidate> candidates, string purpose, string text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        var actions = await db.ApprovalActions.AsNoTracking().Where(a => a.RequestId == row.Id).OrderBy(a => a.Id).ToListAsync(ct);
        var request = ApprovalService.Snapshot(row, actions) with { Candidates = candidates };
        var recipients = ReminderPlanner.Recipients(request);
        if (recipients.Count > 0)
        {
            Enqueue(OutboxOperations.ChannelNotice, purpose, row.Id, new NotificationPayload
            {
                Text = text,
                Mention = [.. recipients.Select(c => new MentionTarget(c.ObjectId, c.UserId, c.Name))],
            });
            return;
        }

        var admins = options.CurrentValue.AdminAadObjectIds;
        var why = $"No one who may decide it can be reached now: it must be decided by {ApprovalRules.Describe(request.Required)}, "
            + "and every such approver made the request, declared a conflict, or is away without cover.";
        Enqueue(OutboxOperations.ChannelNotice, purpose, row.Id, new NotificationPayload
        {
            Text = text + "\n\n" + why + (admins.Count > 0 ? " The administrators were told." : " No administrators are configured to be told (Approvals:AdminAadObjectIds)."),
        });
        foreach (var admin in admins)
        {
            Enqueue(OutboxOperations.NotifyAdmin, "no one may decide", row.Id, new NotificationPayload
            {
                To = admin,
                Alert = true,
                Text = $"**{row.Reference}** (case {row.CaseReference}) is waiting for a decision and no one may decide it. {why} "
                    + "Please arrange a decider: a deputy in the Approvals settings, or an approver's cover (`away until <date> cover <colleague>`).",
            });
        }

        if (actions.LastOrDefault()?.Action != RecordActionKinds.NoDecider)
        {
            db.ApprovalActions.Add(new ApprovalActionRow
            {
                RequestId = row.Id,
                ActorAadObjectId = "system",
                ActorName = BotName,
                ActorRole = nameof(ApproverKind.None),
                Action = RecordActionKinds.NoDecider,
                At = time.GetUtcNow().UtcDateTime,
            });
            outbox.Enqueue(OutboxOperations.UpdateApprovalCard, "no one may decide", row.Id);
        }

        await audit.AppendAsync("system", RecordActionKinds.NoDecider, row.Kind, row.Id.ToString(), new JsonObject
        {
            ["reference"] = row.Reference,
            ["required"] = request.Required.ToString(),
            ["adminsTold"] = admins.Count,
        }, ct);
    }

    private void Enqueue(string operation, string purpose, Guid id, NotificationPayload payload) =>
        outbox.Enqueue(operation, purpose, id, JsonSerializer.Serialize(payload, NotificationJsonContext.Default.NotificationPayload));
}
