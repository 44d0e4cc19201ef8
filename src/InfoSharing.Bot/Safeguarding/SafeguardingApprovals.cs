using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Safeguarding;

/// <summary>
/// A click on the retrospective review card (Acknowledge / Raise a concern / Details) or the advice card (Read and
/// answer / Send advice). The server decides: the clicker must be an approver and not the practitioner who made the
/// record; the record moves from awaiting to done exactly once (a compare-and-set on its status), with its action,
/// audit entry, reminders cancelled and outbox sends in one transaction.
/// </summary>
public sealed partial class SafeguardingApprovals(
    BotDbContext db,
    PolicyDocument policy,
    SafeguardingRecords records,
    UnitOfWork unitOfWork,
    AuditLog audit,
    Outbox outbox,
    ScheduledJobs jobs,
    TimeProvider time,
    ILogger<SafeguardingApprovals> logger)
{
    public const int MinConcernLength = 10;

    public async Task<ApprovalResponse> ActAsync(Actor who, string verb, JsonNode? data, bool automatic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (data is not JsonObject inputs || !Guid.TryParse(SafeguardingForms.ReadString(inputs, SafeguardingCards.RecordIdKey), out var id))
        {
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The card did not say which record it is about."));
        }

        var row = await records.FindAsync(id, cancellationToken);
        var expected = verb switch
        {
            SafeguardingVerbs.Acknowledge or SafeguardingVerbs.RaiseConcern or SafeguardingVerbs.ReviewDetails => RecordKinds.Emergency,
            SafeguardingVerbs.AdviceOpen or SafeguardingVerbs.AdviceAnswer => RecordKinds.Advice,
            _ => row?.Kind,
        };
        if (row is null || row.Kind != expected || row.Kind == RecordKinds.Request)
        {
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Error(404, "NotFound", "That record was not found."));
        }

        var now = time.GetUtcNow();
        var actor = who.ObjectId;
        var actorName = who.Name;
        var kinds = who.Kinds;
        var isRequester = who.Is(row.RequesterAadObjectId, row.RequesterUserId);
        var model = await records.ModelAsync(row, [], now, cancellationToken);

        if (verb == SafeguardingVerbs.Refresh)
        {
            var allowed = kinds != ApproverKind.None && !isRequester;
            if (allowed)
            {
                await AuditOnlyAsync(actor, automatic ? AuditActions.DetailViewAutomatic : AuditActions.DetailViewOpened, row, new JsonObject { ["trigger"] = automatic ? "automatic" : "manual" }, cancellationToken);
            }

            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(allowed ? RecordCards.Detail(model, records.Detail(row), policy) : RecordCards.Channel(model)));
        }

        var refusal = isRequester ? "You made this record, so you cannot act on it as an approver."
            : kinds == ApproverKind.None ? "Only approvers can act on this."
            : null;
        if (refusal is not null)
        {
            Log.Refused(logger, verb, row.Reference);
            await AuditOnlyAsync(actor, "refused-action", row, new JsonObject { ["verb"] = verb, ["reason"] = refusal }, cancellationToken);
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Message(refusal));
        }

        switch (verb)
        {
            case SafeguardingVerbs.ReviewDetails or SafeguardingVerbs.AdviceOpen:
                await AuditOnlyAsync(actor, AuditActions.DetailViewOpened, row, new JsonObject { ["trigger"] = verb }, cancellationToken);
                return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(RecordCards.Detail(model, records.Detail(row), policy)),
                    "The details are shown only through the card's buttons in Teams.");
            case SafeguardingVerbs.Acknowledge or SafeguardingVerbs.RaiseConcern:
                return await ReviewAsync(row, model, verb, inputs, actor, actorName, who.ChannelUserId, kinds, cancellationToken);
            default:
                return await AnswerAsync(row, model, inputs, actor, actorName, who.ChannelUserId, kinds, cancellationToken);
        }
    }

    private async Task<ApprovalResponse> ReviewAsync(InfoRequestRow row, RecordCardModel model, string verb, JsonObject inputs, string actor, string actorName, string? actorUserId, ApproverKind kinds, CancellationToken cancellationToken)
    {
        if (row.Status != SafeguardingStatus.ReviewPending)
        {
            var already = $"Already reviewed ({RequestStatus.Title(row.Status).ToLowerInvariant()}); your click changed nothing.";
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(RecordCards.Channel(model, banner: already)), already);
        }

        var concern = verb == SafeguardingVerbs.RaiseConcern;
        var text = SafeguardingForms.ReadString(inputs, concern ? SafeguardingFieldIds.ReviewConcern : SafeguardingFieldIds.ReviewNote)?.Trim();
        if (text is { Length: > ApprovalRules.MaxTextLength } || (concern && (text?.Length ?? 0) < MinConcernLength))
        {
            var field = concern ? SafeguardingFieldIds.ReviewConcern : SafeguardingFieldIds.ReviewNote;
            var errors = new Dictionary<string, string> { [field] = $"Write {(concern ? MinConcernLength : 0)} to {ApprovalRules.MaxTextLength} characters." };
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(RecordCards.Channel(model, errors, inputs, "Please correct the highlighted field.")), errors[field]);
        }

        var status = concern ? SafeguardingStatus.ConcernRaised : SafeguardingStatus.Acknowledged;
        var applied = await unitOfWork.ExecuteAsync(async ct =>
        {
            var at = time.GetUtcNow().UtcDateTime;
            var changed = await db.Requests
                .Where(r => r.Id == row.Id && r.Status == SafeguardingStatus.ReviewPending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, status)
                    .SetProperty(r => r.DecidedAt, at)
                    .SetProperty(r => r.DecidedByAadObjectId, actor)
                    .SetProperty(r => r.DecidedByName, actorName)
                    .SetProperty(r => r.Decision, status)
                    .SetProperty(r => r.Revision, r => r.Revision + 1), ct);
            if (changed == 0)
            {
                return false;
            }

            AddAction(row.Id, actor, actorUserId, actorName, kinds, concern ? SafeguardingRecords.ActionConcern : SafeguardingRecords.ActionAcknowledged, string.IsNullOrEmpty(text) ? null : text, at);
            await audit.AppendAsync(actor, concern ? "review-concern" : "review-acknowledged", RecordKinds.Emergency, row.Id.ToString(), new JsonObject
            {
                ["reference"] = row.Reference,
                ["from"] = SafeguardingStatus.ReviewPending,
                ["to"] = status,
                ["roles"] = kinds.ToString(),
            }, ct);
            await jobs.CancelApproverJobsAsync(row.Id, $"reviewed: {status}", ct);
            outbox.Enqueue(SafeguardingOperations.UpdateRecordCard, $"after {status}", row.Id);
            var when = ApprovalCards.FormatUk(at);
            outbox.Enqueue(OutboxOperations.NotifyRequester, $"tell requester: {status}", row.Id, JsonSerializer.Serialize(new NotificationPayload
            {
                Alert = true,
                Text = concern
                    ? $"{actorName} raised a concern about the emergency sharing **{row.Reference}** on {when}:\n\n{text}\n\nPlease contact them to discuss it."
                    : $"{actorName} acknowledged the emergency sharing **{row.Reference}** on {when}." + (string.IsNullOrEmpty(text) ? string.Empty : $"\n\nNote: {text}"),
            }, NotificationJsonContext.Default.NotificationPayload));
            return true;
        }, cancellationToken);
        outbox.Wake();
        return await AfterAsync(row, applied, cancellationToken);
    }

    private async Task<ApprovalResponse> AnswerAsync(InfoRequestRow row, RecordCardModel model, JsonObject inputs, string actor, string actorName, string? actorUserId, ApproverKind kinds, CancellationToken cancellationToken)
    {
        if (row.Status != SafeguardingStatus.AwaitingAdvice)
        {
            var already = "This consultation has already been answered; your answer was not sent.";
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(RecordCards.Channel(model, banner: already)), already);
        }

        var (answer, errors) = AdviceConsultationForm.ValidateAnswer(SafeguardingForms.ReadString(inputs, SafeguardingFieldIds.AdviceAnswer),
            SafeguardingForms.ReadString(inputs, SafeguardingFieldIds.AdviceSuggestedOutcome), policy);
        if (answer is null)
        {
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(RecordCards.Detail(model, records.Detail(row), policy, errors, inputs, "Please correct the highlighted fields.")),
                string.Join(" ", errors.Values));
        }

        var applied = await unitOfWork.ExecuteAsync(async ct =>
        {
            var at = time.GetUtcNow().UtcDateTime;
            var json = JsonSerializer.Serialize(answer, SafeguardingJsonContext.Default.AdviceAnswer);
            var withAnswer = JsonSerializer.Serialize(records.Detail(SafeguardingRecords.WithJson(row, row.AnswersJson, json)), ApprovalsJsonContext.Default.ApprovalDetail);
            var changed = await db.Requests
                .Where(r => r.Id == row.Id && r.Status == SafeguardingStatus.AwaitingAdvice)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, SafeguardingStatus.AdviceGiven)
                    .SetProperty(r => r.OutcomeJson, json)
                    .SetProperty(r => r.DetailJson, withAnswer)
                    .SetProperty(r => r.DecidedAt, at)
                    .SetProperty(r => r.DecidedByAadObjectId, actor)
                    .SetProperty(r => r.DecidedByName, actorName)
                    .SetProperty(r => r.Decision, answer.SuggestedOutcomeId)
                    .SetProperty(r => r.Revision, r => r.Revision + 1), ct);
            if (changed == 0)
            {
                return false;
            }

            AddAction(row.Id, actor, actorUserId, actorName, kinds, SafeguardingRecords.ActionAdviceAnswered, answer.Text, at);
            await audit.AppendAsync(actor, "advice-answered", RecordKinds.Advice, row.Id.ToString(), new JsonObject
            {
                ["reference"] = row.Reference,
                ["suggestedOutcome"] = answer.SuggestedOutcomeId,
                ["roles"] = kinds.ToString(),
            }, ct);
            await jobs.CancelApproverJobsAsync(row.Id, "answered", ct);
            outbox.Enqueue(SafeguardingOperations.UpdateRecordCard, "after answer", row.Id);
            var outcome = records.Title(policy.Safeguarding.AdviceOutcomes, answer.SuggestedOutcomeId);
            outbox.Enqueue(OutboxOperations.NotifyRequester, "advice to the practitioner", row.Id, JsonSerializer.Serialize(new NotificationPayload
            {
                Alert = true,
                Card = SafeguardingCards.AdviceAnswer(row.Id, row.Reference, actorName, ApprovalCards.FormatUk(at), outcome, answer.Text),
            }, NotificationJsonContext.Default.NotificationPayload));
            return true;
        }, cancellationToken);
        outbox.Wake();
        return await AfterAsync(row, applied, cancellationToken);
    }

    private async Task<ApprovalResponse> AfterAsync(InfoRequestRow row, bool applied, CancellationToken cancellationToken)
    {
        var after = await records.FindAsync(row.Id, cancellationToken) ?? row;
        var model = await records.ModelAsync(after, [], time.GetUtcNow(), cancellationToken);
        if (applied)
        {
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(RecordCards.Channel(model)));
        }

        var already = $"Already done by {after.DecidedByName} on {ApprovalCards.FormatUk(after.DecidedAt ?? default)}; your click changed nothing.";
        return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(RecordCards.Channel(model, banner: already)), already);
    }

    private void AddAction(Guid recordId, string actor, string? actorUserId, string actorName, ApproverKind kinds, string action, string? text, DateTime at) =>
        db.ApprovalActions.Add(new ApprovalActionRow
        {
            RequestId = recordId,
            ActorAadObjectId = actor,
            ActorUserId = actorUserId,
            ActorName = actorName,
            ActorRole = kinds.ToString(),
            Action = action,
            Text = text,
            At = at,
        });

    private async Task AuditOnlyAsync(string actor, string action, InfoRequestRow row, JsonObject? details, CancellationToken cancellationToken)
    {
        details ??= [];
        details["reference"] = row.Reference;
        await unitOfWork.ExecuteAsync(ct => audit.AppendAsync(actor, action, row.Kind, row.Id.ToString(), details, ct), cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Refused {Verb} on {Reference}: not permitted for this user")]
        public static partial void Refused(ILogger logger, string verb, string reference);
    }
}
