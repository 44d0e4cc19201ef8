using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Records.Retention;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// A click on the approval card (Action.Execute invoke, or its Action.Submit fallback): parse, authorise on the
/// server, then move the request pending → decided exactly once (a compare-and-set on its status), record the
/// action with its audit entry and the outbox sends in one transaction, and answer with the card the clicker sees.
/// </summary>
public sealed partial class ApprovalService(
    BotDbContext db,
    ApprovalRecords records,
    UnitOfWork unitOfWork,
    AuditLog audit,
    Outbox outbox,
    TimeProvider time,
    RecordRetention retention,
    IOptionsMonitor<ApprovalOptions> options,
    Safeguarding.DecisionFollowUp followUp,
    Policy.PolicyDocument policy,
    ILogger<ApprovalService> logger)
{
    /// <summary>
    /// One click by <paramref name="who"/> (approver kinds already resolved by <see cref="ApproverDirectory.ResolveAsync"/>),
    /// from whichever surface: the card's invoke, its Action.Submit fallback, or the records tab.
    /// </summary>
    public async Task<ApprovalResponse> ActAsync(Actor who, string? verb, JsonNode? data, bool automatic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        var parse = ApprovalRules.Parse(verb, data, automatic, options.CurrentValue.MinDeclineReasonLength, policy.Lists.DeclineReasons);
        if (parse.Action is not { } action)
        {
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Error(400, parse.ErrorCode ?? "BadRequest", parse.ErrorMessage ?? "That card action was not understood."));
        }

        using var span = BotTelemetry.Start("workflow " + action.Verb);
        var request = await records.FindAsync(action.RequestId, cancellationToken);
        if (request is null)
        {
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Error(404, "NotFound", "That request was not found."));
        }

        span?.SetTag(BotTelemetry.ReferenceTag, request.Reference);

        var actor = who.ObjectId;
        var actorName = who.Name;
        var kinds = who.Kinds;
        var isRequester = who.Is(request.RequesterAadObjectId, request.RequesterUserId);
        var actions = await records.ActionsAsync(request.Id, cancellationToken);

        if (action.Verb == ApprovalVerbs.Refresh)
        {
            // Automatic refresh for the listed users: approvers get their detail view (audited as shown automatically, apart
            // from one the approver opened); anyone else the shared card.
            var allowed = kinds != ApproverKind.None && !isRequester;
            if (allowed)
            {
                await AuditOnlyAsync(actor, automatic ? AuditActions.DetailViewAutomatic : AuditActions.DetailViewOpened, request,
                    new JsonObject { ["trigger"] = automatic ? "automatic" : "manual" }, cancellationToken);
            }

            var refreshed = ApprovalRecords.Model(request, actions, [], policy);
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(allowed ? ApprovalCards.Detail(refreshed, ApprovalRecords.Detail(request)) : ApprovalCards.Channel(refreshed)));
        }

        var declaredConflict = actions.Any(a => a.Action == ApprovalVerbs.Conflict && string.Equals(a.ActorAadObjectId, actor, StringComparison.OrdinalIgnoreCase));
        var required = ApprovalRules.Required(request.RequiresDpo, request.RequiresPreventLead);
        if (ApprovalRules.WhyNot(action.Verb, kinds, isRequester, declaredConflict, required) is { } refusal)
        {
            Log.Refused(logger, action.Verb, request.Reference);
            await AuditOnlyAsync(actor, AuditActions.RefusedAction, request, new JsonObject { ["verb"] = action.Verb, ["reason"] = refusal }, cancellationToken);
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Message(refusal));
        }

        var model = ApprovalRecords.Model(request, actions, [], policy);
        if (action.Verb == ApprovalVerbs.Details)
        {
            await AuditOnlyAsync(actor, AuditActions.DetailViewOpened, request, new JsonObject { ["trigger"] = "details-button" }, cancellationToken);
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(ApprovalCards.Detail(model, ApprovalRecords.Detail(request))), "Details are shown only through the card's Details button in Teams.");
        }

        if (RequestStatus.IsDecided(request.Status))
        {
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(ApprovalCards.Channel(model, banner: AlreadyDecided(request))), AlreadyDecided(request));
        }

        if (parse.FieldErrors.Count > 0)
        {
            return ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(ApprovalCards.Channel(model, parse.FieldErrors, action.Inputs, "Please correct the highlighted field.")), string.Join(" ", parse.FieldErrors.Values));
        }

        var outcome = await unitOfWork.ExecuteAsync(ct => ApplyAsync(request, action, actor, actorName, who.ChannelUserId, kinds, ct), cancellationToken);
        outbox.Wake();
        var after = await records.FindAsync(request.Id, cancellationToken) ?? request;
        var afterModel = await records.ModelAsync(after, [], cancellationToken);
        return outcome switch
        {
            ApplyOutcome.LostRace => ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(ApprovalCards.Channel(afterModel, banner: AlreadyDecided(after))), AlreadyDecided(after)),
            ApplyOutcome.NotPending => ApprovalResponse.Of(AdaptiveCardInvokeResponse.Message($"{after.Reference} is waiting for the practitioner's answer; you can decide once they reply.")),
            _ => ApprovalResponse.Of(AdaptiveCardInvokeResponse.Card(ApprovalCards.Channel(afterModel))),
        };
    }

    private async Task<ApplyOutcome> ApplyAsync(InfoRequestRow request, ApproverAction action, string actor, string actorName, string? actorUserId, ApproverKind kinds, CancellationToken ct)
    {
        await audit.LockAsync(ct); // before the request's row lock (see AuditLog.LockAsync)
        var now = time.GetUtcNow().UtcDateTime;
        string? newStatus = null;
        var recorded = action.Verb;
        if (action.Verb == ApprovalVerbs.Approve)
        {
            var satisfied = kinds;
            foreach (var prior in await db.ApprovalActions.AsNoTracking()
                         .Where(a => a.RequestId == request.Id && a.Action == ApprovalActionKinds.PartialApproval).ToListAsync(ct))
            {
                satisfied |= Enum.TryParse<ApproverKind>(prior.ActorRole, out var k) ? k : ApproverKind.None;
            }

            var remaining = ApprovalRules.Remaining(ApprovalRules.Required(request.RequiresDpo, request.RequiresPreventLead), satisfied);
            if (remaining == ApproverKind.None)
            {
                newStatus = RequestStatus.Approved;
            }
            else
            {
                recorded = ApprovalActionKinds.PartialApproval;
            }
        }
        else if (action.Verb == ApprovalVerbs.Decline)
        {
            newStatus = RequestStatus.Declined;
        }
        else if (action.Verb == ApprovalVerbs.MoreInfo)
        {
            newStatus = RequestStatus.MoreInfoRequested;
        }

        if (newStatus is not null)
        {
            // The compare-and-set: only one click moves the request out of pending.
            var decided = RequestStatus.IsDecided(newStatus);
            DateTime? reviewDate = retention.ReviewDateFor(request.Kind, now); // retention runs again from the decision
            var changed = await db.Requests
                .Where(r => r.Id == request.Id && r.Status == RequestStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, newStatus)
                    .SetProperty(r => r.Revision, r => r.Revision + 1)
                    .SetProperty(r => r.DecidedAt, r => decided ? now : r.DecidedAt)
                    .SetProperty(r => r.DecidedByAadObjectId, r => decided ? actor : r.DecidedByAadObjectId)
                    .SetProperty(r => r.DecidedByName, r => decided ? actorName : r.DecidedByName)
                    .SetProperty(r => r.Decision, r => decided ? newStatus : r.Decision)
                    .SetProperty(r => r.ReviewDate, r => decided ? reviewDate : r.ReviewDate), ct);
            if (changed == 0)
            {
                var current = await db.Requests.AsNoTracking().Where(r => r.Id == request.Id).Select(r => r.Status).FirstAsync(ct);
                return RequestStatus.IsDecided(current) ? ApplyOutcome.LostRace : ApplyOutcome.NotPending;
            }
        }
        else if (request.Status != RequestStatus.Pending && request.Status != RequestStatus.MoreInfoRequested)
        {
            return ApplyOutcome.LostRace;
        }

        db.ApprovalActions.Add(new ApprovalActionRow
        {
            RequestId = request.Id,
            ActorAadObjectId = actor,
            ActorUserId = actorUserId,
            ActorName = actorName,
            ActorRole = kinds.ToString(),
            Action = recorded,
            ReasonCode = action.ReasonCode,
            Text = action.Verb switch { ApprovalVerbs.Decline => action.Reason, ApprovalVerbs.MoreInfo => action.Question, ApprovalVerbs.Conflict => action.Note, _ => null },
            Conditions = action.Verb == ApprovalVerbs.Approve ? action.Conditions : null,
            At = now,
        });
        await audit.AppendAsync(actor, recorded, "request", request.Id.ToString(), new JsonObject
        {
            ["reference"] = request.Reference,
            ["from"] = request.Status,
            ["to"] = newStatus ?? request.Status,
            ["reasonCode"] = action.ReasonCode,
            ["roles"] = kinds.ToString(),
            ["reviewDate"] = newStatus is not null && RequestStatus.IsDecided(newStatus)
                ? retention.ReviewDateFor(request.Kind, now).ToString("O", System.Globalization.CultureInfo.InvariantCulture)
                : null,
        }, ct);

        outbox.Enqueue(OutboxOperations.UpdateApprovalCard, $"after {recorded}", request.Id);
        if (newStatus is not null)
        {
            outbox.Enqueue(OutboxOperations.NotifyRequester, $"tell requester: {newStatus}", request.Id, PractitionerNotice(request, action, actorName, now, newStatus));
            await followUp.OnStatusChangedAsync(request, newStatus, action.Reconsider, ct); // reminders cancelled; outcome or reconsider offered
        }

        return ApplyOutcome.Applied;
    }

    private string PractitionerNotice(InfoRequestRow request, ApproverAction action, string actorName, DateTime now, string status)
    {
        var when = ApprovalCards.FormatUk(now);
        var payload = status switch
        {
            RequestStatus.Approved => new NotificationPayload
            {
                Alert = true,
                Text = $"Your request **{request.Reference}** (case {request.CaseReference}) was **approved** by {actorName} on {when}."
                       + (action.Conditions is null ? string.Empty : $"\n\nConditions: {action.Conditions}")
                       + "\n\nShare only what was approved, securely, and record what you shared.",
            },
            RequestStatus.Declined => new NotificationPayload
            {
                Alert = true,
                Text = $"Your request **{request.Reference}** (case {request.CaseReference}) was **declined** by {actorName} on {when}."
                       + $"\n\nReason: {DeclineReasons.Title(policy.Lists.DeclineReasons, action.ReasonCode)}. {action.Reason}"
                       + (action.Reconsider ? "\n\nThe approvers will reconsider if new information arrives." : string.Empty),
            },
            _ => new NotificationPayload
            {
                Alert = true,
                Card = PractitionerCards.MoreInformation(request.Id, request.Reference, actorName, action.Question ?? string.Empty, null, null),
            },
        };
        return JsonSerializer.Serialize(payload, NotificationJsonContext.Default.NotificationPayload);
    }

    private async Task AuditOnlyAsync(string actor, string action, InfoRequestRow request, JsonObject? details, CancellationToken cancellationToken)
    {
        details ??= [];
        details["reference"] = request.Reference;
        await unitOfWork.ExecuteAsync(ct => audit.AppendAsync(actor, action, "request", request.Id.ToString(), details, ct), cancellationToken);
    }

    private static string AlreadyDecided(InfoRequestRow request) =>
        $"Already {RequestStatus.Title(request.Status).ToLowerInvariant()} by {request.DecidedByName} on {ApprovalCards.FormatUk(request.DecidedAt ?? default)}; your click changed nothing.";

    private enum ApplyOutcome
    {
        Applied,
        LostRace,
        NotPending,
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Refused {Verb} on {Reference}: not permitted for this user")]
        public static partial void Refused(ILogger logger, string verb, string reference);
    }
}
