using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// The one outbox dispatcher, for every record kind: posts a record's card (approval, review or advice) as a new thread
/// in the approvers' channel (or into the development fallback conversation), PUTs it after every change, posts
/// notices into its thread, and tells the practitioner in their 1:1 chat (creating the chat if needed). Cards are
/// built from the record at send time, so an update always shows the latest state.
/// </summary>
public sealed partial class RecordDelivery(
    BotDbContext db,
    ApprovalRecords requests,
    SafeguardingRecords records,
    ApproverChannelStore channels,
    ApproverDirectory directory,
    ConversationReferenceStore references,
    ConnectorClient connector,
    UnitOfWork unitOfWork,
    AuditLog audit,
    Outbox outbox,
    IOptionsMonitor<ApprovalOptions> options,
    TimeProvider time,
    ILogger<RecordDelivery> logger) : IOutboxDispatcher
{
    public async Task<OutboxDispatchResult> DispatchAsync(OutboxMessageRow message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = message.RequestId is { } id ? await requests.FindAsync(id, cancellationToken) : null;
        if (row is null)
        {
            throw new InvalidOperationException($"outbox row {message.Id} refers to no record");
        }

        BotTelemetry.TagReference(row.Reference);
        return message.Operation switch
        {
            OutboxOperations.PostApprovalCard or OutboxOperations.PostRecordCard => await PostCardAsync(row, cancellationToken),
            OutboxOperations.UpdateApprovalCard or OutboxOperations.UpdateRecordCard => await UpdateCardAsync(row, cancellationToken),
            OutboxOperations.NotifyRequester => await NotifyRequesterAsync(row, Payload(message), cancellationToken),
            OutboxOperations.NotifyAdmin => await NotifyPersonAsync(Payload(message).To, null, Payload(message), cancellationToken),
            OutboxOperations.ThreadReply => await NoticeAsync(row, Payload(message), waitForCard: true, cancellationToken),
            OutboxOperations.ChannelNotice => await NoticeAsync(row, Payload(message), waitForCard: false, cancellationToken),
            _ => throw new InvalidOperationException($"unknown outbox operation {message.Operation}"),
        };
    }

    public async Task OnGaveUpAsync(OutboxMessageRow message, string status, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = message.RequestId is { } id ? await requests.FindAsync(id, cancellationToken) : null;
        var isRequest = row is null || row.Kind == RecordKinds.Request;
        var problem = status == OutboxStatus.Unknown
            ? $"A message about this {(isRequest ? "request" : "record")} may not have been delivered (the connector did not answer)."
            : message.Operation switch
            {
                OutboxOperations.NotifyRequester => "The practitioner could not be told in Teams; contact them directly.",
                OutboxOperations.NotifyAdmin => "An administrator could not be told in Teams that no one may decide this request.",
                OutboxOperations.PostApprovalCard => "The approval card could not be posted; check the approvers' channel registration.",
                OutboxOperations.PostRecordCard => "This card could not be posted; check the approvers' channel registration.",
                OutboxOperations.ThreadReply => "A notice to this thread could not be posted.",
                OutboxOperations.ChannelNotice => "A reminder or escalation about this record could not be posted.",
                _ => $"This card could not be updated; the {(isRequest ? "decision record" : "record")} is correct.",
            };
        Log.GaveUp(logger, message.Operation, row?.Reference ?? "(none)", status);
        await unitOfWork.ExecuteAsync(async ct =>
        {
            await audit.AppendAsync("system", status == OutboxStatus.Unknown ? "delivery-unknown" : "delivery-failed", row?.Kind ?? RecordKinds.Request, message.RequestId?.ToString(),
                new JsonObject { ["operation"] = message.Operation, ["purpose"] = message.Purpose, ["error"] = error }, ct);
            if (row is null)
            {
                return;
            }

            if (CardNoticeFailed(message, row))
            {
                // The channel could not be told that the card is not there either: tell the admins 1:1, and keep the card's problem.
                foreach (var admin in CardNotPostedNotices.AdminsToTell(options.CurrentValue))
                {
                    outbox.Enqueue(OutboxOperations.NotifyAdmin, "card not posted (admin)", row.Id, JsonSerializer.Serialize(
                        new NotificationPayload { Text = CardNotPostedNotices.ToAdmin(row.Reference), Alert = true, To = admin }, NotificationJsonContext.Default.NotificationPayload));
                }

                return;
            }

            if (message.Operation == OutboxOperations.NotifyAdmin)
            {
                return; // audited above; an admin's notice that fails tells no one further (the card shows the card's problem)
            }

            await db.Requests.Where(r => r.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeliveryProblem, problem), ct);
            var hasCard = row.Kind != RecordKinds.Request || row.ApprovalActivityId is not null; // no update for a card never posted
            if (!OutboxOperations.IsCardOperation(message.Operation) && hasCard)
            {
                outbox.Enqueue(row.Kind == RecordKinds.Request ? OutboxOperations.UpdateApprovalCard : OutboxOperations.UpdateRecordCard, "show delivery problem", row.Id);
            }

            if (message.Operation == OutboxOperations.PostApprovalCard)
            {
                // A request whose card is not in the channel must not wait in silence: tell the channel, with the way out.
                outbox.Enqueue(OutboxOperations.ChannelNotice, CardNotPostedPurpose, row.Id, JsonSerializer.Serialize(
                    new NotificationPayload { Text = CardNotPosted(row.Reference, status) }, NotificationJsonContext.Default.NotificationPayload));
            }
        }, cancellationToken);
    }

    /// <summary>True when the failed send was the channel's notice that the request's card is not there (the card still is not).</summary>
    private static bool CardNoticeFailed(OutboxMessageRow message, InfoRequestRow row) =>
        message.Operation == OutboxOperations.ChannelNotice && message.Purpose == CardNotPostedPurpose && row.ApprovalActivityId is null;

    /// <summary>The purpose of the channel's notice that a card was not posted.</summary>
    internal const string CardNotPostedPurpose = "card not posted";

    /// <summary>The channel's notice when a request's approval card could not be posted, or may not have been.</summary>
    internal static string CardNotPosted(string reference, string status) => status == OutboxStatus.Unknown
        ? $"**The approval card for {reference} may not have been posted** (Teams did not answer). The request is recorded and waiting for a decision. "
          + $"If you cannot see its card in this channel, type `repost {reference}` (mentioning the bot) to post it again."
        : $"**The approval card for {reference} could not be posted.** The request is recorded and waiting for a decision. "
          + $"Type `repost {reference}` (mentioning the bot) to post it again; if that fails too, check the bot's membership of this team.";

    private async Task<OutboxDispatchResult> PostCardAsync(InfoRequestRow row, CancellationToken cancellationToken)
    {
        if (row.ApprovalActivityId is not null)
        {
            return OutboxDispatchResult.Done(row.ApprovalConversationId, row.ApprovalActivityId); // posted before a crash
        }

        var channel = await channels.GetAsync(cancellationToken);
        if (channel is null)
        {
            return OutboxDispatchResult.Wait("no approvers' channel is registered");
        }

        var card = await ChannelCardAsync(row, await RefreshUserIdsAsync(channel, row, cancellationToken), cancellationToken);
        var (conversationId, activityId) = await PostToChannelAsync(channel, Message(channel, card: card), cancellationToken);
        await db.Requests.Where(r => r.Id == row.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ApprovalServiceUrl, channel.ServiceUrl)
            .SetProperty(r => r.ApprovalConversationId, conversationId)
            .SetProperty(r => r.ApprovalActivityId, activityId), CancellationToken.None);
        return OutboxDispatchResult.Done(conversationId, activityId);
    }

    private async Task<OutboxDispatchResult> UpdateCardAsync(InfoRequestRow row, CancellationToken cancellationToken)
    {
        if (row.ApprovalActivityId is null || row.ApprovalConversationId is null || row.ApprovalServiceUrl is null)
        {
            return OutboxDispatchResult.Wait("the card has not been posted yet");
        }

        var channel = await channels.GetAsync(cancellationToken);
        var refresh = channel is null ? [] : await RefreshUserIdsAsync(channel, row, cancellationToken);
        var activity = Message(channel, card: await ChannelCardAsync(row, refresh, cancellationToken)) with { Id = row.ApprovalActivityId };
        await connector.UpdateActivityAsync(row.ApprovalServiceUrl, row.ApprovalConversationId, row.ApprovalActivityId, activity, cancellationToken);
        return OutboxDispatchResult.Done(row.ApprovalConversationId, row.ApprovalActivityId);
    }

    /// <summary>The shared card of any record kind, as everyone in the channel sees it.</summary>
    private async Task<JsonObject> ChannelCardAsync(InfoRequestRow row, IReadOnlyList<string> refreshUserIds, CancellationToken cancellationToken) =>
        row.Kind == RecordKinds.Request
            ? ApprovalCards.Channel(await requests.ModelAsync(row, refreshUserIds, cancellationToken))
            : RecordCards.Channel(await records.ModelAsync(row, refreshUserIds, time.GetUtcNow(), cancellationToken));

    private Task<OutboxDispatchResult> NotifyRequesterAsync(InfoRequestRow row, NotificationPayload payload, CancellationToken cancellationToken) =>
        NotifyPersonAsync(row.RequesterAadObjectId, row.RequesterUserId, payload, cancellationToken);

    /// <summary>A message in a person's 1:1 chat with the bot (created from their Teams user id when none is known).</summary>
    private async Task<OutboxDispatchResult> NotifyPersonAsync(string? objectId, string? userId, NotificationPayload payload, CancellationToken cancellationToken)
    {
        var personal = objectId is null ? null : await references.FindPersonalAsync(objectId, cancellationToken);
        string serviceUrl;
        string conversationId;
        ChannelAccount? bot = null;
        if (personal is not null)
        {
            serviceUrl = personal.ServiceUrl;
            conversationId = personal.ConversationId;
            bot = new ChannelAccount { Id = personal.BotId, Name = personal.BotName };
        }
        else
        {
            // No 1:1 chat seen yet: create (or fetch) it, protocol.md §4.5. Needs the user's channel id and tenant.
            var channel = await channels.GetAsync(cancellationToken);
            if (userId is null || channel is null)
            {
                throw new ConnectorException(ConnectorFailureKind.NotFound, "no conversation with this person is known") { ErrorCode = "NoConversation" };
            }

            serviceUrl = channel.ServiceUrl;
            var created = await connector.CreateConversationAsync(serviceUrl, new ConversationParameters
            {
                IsGroup = false,
                Members = [new ChannelAccount { Id = userId }],
                TenantId = channel.TenantId,
                ChannelData = channel.TenantId is null ? null : new JsonObject { ["tenant"] = new JsonObject { ["id"] = channel.TenantId } },
            }, cancellationToken);
            conversationId = created.Id ?? throw new ConnectorException(ConnectorFailureKind.BadRequest, "create conversation returned no id") { ErrorCode = "NoId" };
        }

        var activity = new BotActivity
        {
            Type = ActivityTypes.Message,
            From = bot?.Id is null ? null : bot,
            ReplyToId = payload.ReplyToId,
            Text = payload.Text,
            TextFormat = payload.Text is null ? null : "markdown",
            Attachments = payload.Card is null ? null : [Attachment.AdaptiveCard(payload.Card)],
            ChannelData = payload.Alert ? new JsonObject { ["notification"] = new JsonObject { ["alert"] = true } } : null,
        };
        try
        {
            var sent = await connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken);
            return OutboxDispatchResult.Done(conversationId, sent.Id);
        }
        catch (ConnectorException ex) when (ex.Kind is ConnectorFailureKind.NotInRoster or ConnectorFailureKind.Blocked && personal is not null)
        {
            await references.MarkDeadAsync(personal.Key, ex.Kind.ToString(), CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// A notice in the record's thread (deputies mentioned when asked). With no card posted yet, a thread reply waits
    /// for it; a channel notice (an overdue emergency record, a card that could not be posted) starts a new thread.
    /// </summary>
    private async Task<OutboxDispatchResult> NoticeAsync(InfoRequestRow row, NotificationPayload payload, bool waitForCard, CancellationToken cancellationToken)
    {
        var threaded = row.ApprovalConversationId is not null && row.ApprovalServiceUrl is not null;
        if (waitForCard && !threaded)
        {
            return OutboxDispatchResult.Wait("the card has not been posted yet");
        }

        var channel = await channels.GetAsync(cancellationToken);
        if (channel is null && !threaded)
        {
            return OutboxDispatchResult.Wait("no approvers' channel is registered");
        }

        var text = payload.Text;
        var entities = new List<JsonObject>();
        if (payload.MentionDeputies)
        {
            var deputies = options.CurrentValue.DeputyAadObjectIds;
            var found = channel is null ? [] : await DeputiesAsync(channel, deputies, cancellationToken);
            foreach (var (id, name) in found)
            {
                entities.Add(Mentions.Entity(id, name));
            }

            text += entities.Count > 0
                ? "\n\n" + string.Join(" ", entities.Select(e => e["text"]!.GetValue<string>()))
                : deputies.Count == 0
                    ? "\n\nNo deputies are configured to be told (Approvals:DeputyAadObjectIds)."
                    : "\n\nThe configured deputies could not be found in the approvers' team, so they were not mentioned.";
        }

        if (payload.Mention is { } people)
        {
            text += Mentions.Append(people, entities);
        }

        var activity = Message(channel, text: text) with { Entities = entities.Count > 0 ? entities : null };
        if (threaded)
        {
            var sent = await connector.SendToConversationAsync(row.ApprovalServiceUrl!, row.ApprovalConversationId!, activity, cancellationToken);
            return OutboxDispatchResult.Done(row.ApprovalConversationId, sent.Id);
        }

        var (conversationId, activityId) = await PostToChannelAsync(channel!, activity, cancellationToken);
        return OutboxDispatchResult.Done(conversationId, activityId);
    }

    private async Task<(string ConversationId, string? ActivityId)> PostToChannelAsync(ApproverChannelRow channel, BotActivity activity, CancellationToken cancellationToken)
    {
        if (channel.Source != ApproverChannelSources.DevelopmentFallback && channel.TeamsChannelId is not null)
        {
            var created = await connector.CreateConversationAsync(channel.ServiceUrl, new ConversationParameters
            {
                IsGroup = true,
                Bot = activity.From,
                TenantId = channel.TenantId,
                ChannelData = new JsonObject
                {
                    ["channel"] = new JsonObject { ["id"] = channel.TeamsChannelId },
                    ["tenant"] = channel.TenantId is null ? null : new JsonObject { ["id"] = channel.TenantId },
                },
                Activity = activity,
            }, cancellationToken);
            return (created.Id ?? channel.ConversationId, created.ActivityId);
        }

        var sent = await connector.SendToConversationAsync(channel.ServiceUrl, channel.ConversationId, activity, cancellationToken);
        return (channel.ConversationId, sent.Id);
    }

    /// <summary>The configured deputies who are members of the approvers' team, as (Teams user id, name) to mention.</summary>
    private async Task<IReadOnlyList<(string Id, string Name)>> DeputiesAsync(ApproverChannelRow channel, IList<string> deputies, CancellationToken cancellationToken)
    {
        if (deputies.Count == 0 || await directory.MembersAsync(channel, cancellationToken) is not { } members)
        {
            return [];
        }

        return [.. members
            .Where(m => m.Id is not null && m.EntraObjectId is not null && deputies.Contains(m.EntraObjectId, StringComparer.OrdinalIgnoreCase))
            .Select(m => (m.Id!, string.IsNullOrWhiteSpace(m.Name) ? "Deputy" : m.Name!))];
    }

    /// <summary>
    /// Teams user ids that get the automatic detail view: the configured approvers (or, with the roster on, the team),
    /// never the practitioner (matched by Entra object id and by Teams user id, each with its own kind).
    /// </summary>
    private async Task<IReadOnlyList<string>> RefreshUserIdsAsync(ApproverChannelRow channel, InfoRequestRow row, CancellationToken cancellationToken)
    {
        if (await directory.MembersAsync(channel, cancellationToken) is not { } members)
        {
            return [];
        }

        var o = options.CurrentValue;
        var configured = o.ApproverAadObjectIds.Concat(o.DpoAadObjectIds).Concat(o.PreventLeadAadObjectIds).Concat(o.DeputyAadObjectIds)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. members
            .Where(m => m.Id is not null
                        && !string.Equals(m.EntraObjectId, row.RequesterAadObjectId, StringComparison.OrdinalIgnoreCase)
                        && !string.Equals(m.Id, row.RequesterUserId, StringComparison.Ordinal)
                        && (o.UseTeamRoster || (m.EntraObjectId is not null && configured.Contains(m.EntraObjectId))))
            .Select(m => m.Id!)
            .Take(60)];
    }

    private static BotActivity Message(ApproverChannelRow? channel, string? text = null, JsonObject? card = null) => new()
    {
        Type = ActivityTypes.Message,
        From = channel?.BotId is null ? null : new ChannelAccount { Id = channel.BotId, Name = channel.BotName },
        Text = text,
        TextFormat = text is null ? null : "markdown",
        Attachments = card is null ? null : [Attachment.AdaptiveCard(card)],
    };

    private static NotificationPayload Payload(OutboxMessageRow message) =>
        JsonSerializer.Deserialize(message.PayloadJson, NotificationJsonContext.Default.NotificationPayload)
        ?? throw new InvalidOperationException($"outbox row {message.Id} has no payload");

    private static partial class Log
    {
        [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Send {Operation} for {Reference} given up ({Status})")]
        public static partial void GaveUp(ILogger logger, string operation, string reference, string status);
    }
}

/// <summary>How the approvers' conversation was registered.</summary>
public static class ApproverChannelSources
{
    public const string Install = "install";
    public const string Command = "command";
    public const string DevelopmentFallback = "development-fallback";
}
