using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Routing;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// The practitioner answers an approver's question: the answer joins the record (detail view only, never the
/// shared card), the request goes back to pending, the approvers' card is updated and the thread told.
/// </summary>
public sealed class MoreInformationService(
    BotDbContext db,
    ApprovalRecords records,
    UnitOfWork unitOfWork,
    AuditLog audit,
    Outbox outbox,
    TurnReplies replies,
    PolicyDocument policy,
    TimeProvider time)
{
    public async Task AnswerAsync(TurnContext turn, JsonObject value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(value);
        var answer = (value["answer"] as JsonValue)?.TryGetValue<string>(out var a) == true ? a.Trim() : string.Empty;
        var request = Guid.TryParse((value["requestId"] as JsonValue)?.ToString(), out var id) ? await records.FindAsync(id, cancellationToken) : null;
        if (request is null || !string.Equals(request.RequesterAadObjectId, turn.ActorId, StringComparison.OrdinalIgnoreCase))
        {
            await replies.SendAsync(turn, "That request was not found among yours.", null, cancellationToken);
            return;
        }

        var question = (await records.ActionsAsync(request.Id, cancellationToken)).LastOrDefault(x => x.Action == ApprovalVerbs.MoreInfo);
        if (request.Status != RequestStatus.MoreInfoRequested || question is null)
        {
            await replies.SendAsync(turn, $"{request.Reference} is not waiting for an answer from you ({RequestStatus.Title(request.Status).ToLowerInvariant()}).", null, cancellationToken);
            return;
        }

        if (answer.Length < PractitionerCards.MinAnswerLength || answer.Length > 2000)
        {
            await replies.SendAsync(turn, null, PractitionerCards.MoreInformation(request.Id, request.Reference, question.ActorName ?? "An approver",
                question.Text ?? string.Empty, answer, $"Write between {PractitionerCards.MinAnswerLength} and 2000 characters."), cancellationToken);
            return;
        }

        // Like every free text the practitioner writes: a likely identifier is refused until they confirm it is none.
        var confirmed = (value[PractitionerCards.NoIdentifiersConfirmed] as JsonValue)?.ToString() == "true";
        var hits = IdentifierDetector.Detect(answer, policy.IdentifierPatterns);
        if (hits.Count > 0 && !confirmed)
        {
            await replies.SendAsync(turn, null, PractitionerCards.MoreInformation(request.Id, request.Reference, question.ActorName ?? "An approver",
                question.Text ?? string.Empty, answer,
                $"This looks like it contains {IdentifierDetector.Describe(hits)}. The record must not identify anyone: remove it, or tick the box below to confirm it contains no identifying information.",
                offerConfirmation: true), cancellationToken);
            return;
        }

        var applied = await unitOfWork.ExecuteAsync(async ct =>
        {
            await audit.LockAsync(ct); // before the request's row lock (see AuditLog.LockAsync)
            var detail = ApprovalRecords.Detail(request);
            var sections = detail.Sections.Append(new DetailSection($"Answer to {question.ActorName}'s question",
                [
                    new DetailItem("Question", question.Text ?? string.Empty), new DetailItem("Answer", answer),
                    .. hits.Count > 0 ? [new DetailItem("Identifier check", $"Flagged as possibly containing {IdentifierDetector.Describe(hits)}; the practitioner confirmed it contains no identifying information.")] : Array.Empty<DetailItem>(),
                ])).ToList();
            var detailJson = JsonSerializer.Serialize(new ApprovalDetail { Sections = sections }, ApprovalsJsonContext.Default.ApprovalDetail);
            var changed = await db.Requests
                .Where(r => r.Id == request.Id && r.Status == RequestStatus.MoreInfoRequested)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Pending)
                    .SetProperty(r => r.DetailJson, detailJson)
                    .SetProperty(r => r.Revision, r => r.Revision + 1), ct);
            if (changed == 0)
            {
                return false;
            }

            db.ApprovalActions.Add(new ApprovalActionRow
            {
                RequestId = request.Id,
                ActorAadObjectId = turn.ActorId,
                ActorUserId = turn.Activity.From?.Id,
                ActorName = turn.Activity.From?.Name,
                ActorRole = "Requester",
                Action = ApprovalActionKinds.Answered,
                Text = answer,
                At = time.GetUtcNow().UtcDateTime,
            });
            await audit.AppendAsync(turn.ActorId, "more-info-answered", "request", request.Id.ToString(),
                new JsonObject
                {
                    ["reference"] = request.Reference, ["from"] = RequestStatus.MoreInfoRequested, ["to"] = RequestStatus.Pending,
                    ["identifierConfirmed"] = hits.Count > 0 ? true : null, // the kinds flagged, never the text
                    ["identifierKinds"] = hits.Count > 0 ? new JsonArray([.. hits.Select(h => (JsonNode?)h.Id)]) : null,
                }, ct);
            outbox.Enqueue(OutboxOperations.UpdateApprovalCard, "after answer", request.Id);
            outbox.Enqueue(OutboxOperations.ThreadReply, "answer notice", request.Id, JsonSerializer.Serialize(
                new NotificationPayload { Text = $"The practitioner answered the question on {request.Reference}. Use **Details** on the card to read it." },
                NotificationJsonContext.Default.NotificationPayload));
            return true;
        }, cancellationToken);
        outbox.Wake();

        await replies.SendAsync(turn, applied
            ? $"Thank you. Your answer was added to **{request.Reference}** and the approvers were told; you will hear here when they decide."
            : $"{request.Reference} is no longer waiting for an answer.", null, cancellationToken);
    }
}
