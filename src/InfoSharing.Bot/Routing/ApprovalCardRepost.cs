using InfoSharing.Bot.Approvals;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// <c>repost ISR-…</c> in the approvers' channel: an approver posts a request's approval card again when its post failed
/// or may not have arrived (the channel was told, with this command). Only a card that is not known to be in Teams is
/// posted again, once per command, and the request's delivery problem is cleared; every attempt is audited.
/// </summary>
public sealed class ApprovalCardRepost(BotDbContext db, UnitOfWork unitOfWork, AuditLog audit, Outbox outbox, ApproverDirectory directory)
{
    public const string Command = "repost";

    public async Task<string> RepostAsync(TurnContext turn, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        reference = reference.Trim().ToUpperInvariant();
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (request is null || request.Kind != RecordKinds.Request)
        {
            return $"There is no request {reference}. Type `repost ISR-YYYY-NNNN` with the reference from the notice.";
        }

        if (await directory.KindsOfAsync(turn.Activity, cancellationToken) == ApproverKind.None)
        {
            await unitOfWork.ExecuteAsync(async ct =>
            {
                await audit.AppendAsync(turn.ActorId, AuditActions.RefusedAction, "request", request.Id.ToString(), new JsonObject { ["action"] = Command }, ct);
                return 0;
            }, cancellationToken);
            return "Only an approver can post a request's card again. This attempt was recorded.";
        }

        if (request.ApprovalActivityId is not null)
        {
            return $"The approval card for {reference} is already in this channel; nothing was posted again.";
        }

        if (RequestStatus.IsDecided(request.Status))
        {
            return $"{reference} is already decided; its card is not posted again.";
        }

        if (await db.Outbox.AnyAsync(o => o.RequestId == request.Id && o.Operation == OutboxOperations.PostApprovalCard && o.Status == OutboxStatus.Pending, cancellationToken))
        {
            return $"The approval card for {reference} is already on its way.";
        }

        await unitOfWork.ExecuteAsync(async ct =>
        {
            outbox.Enqueue(OutboxOperations.PostApprovalCard, "approval card (posted again)", request.Id);
            await db.Requests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeliveryProblem, (string?)null), ct);
            await audit.AppendAsync(turn.ActorId, AuditActions.CardReposted, "request", request.Id.ToString(), new JsonObject { ["reference"] = reference }, ct);
            return 0;
        }, cancellationToken);
        return $"Posting the approval card for {reference} again.";
    }
}
