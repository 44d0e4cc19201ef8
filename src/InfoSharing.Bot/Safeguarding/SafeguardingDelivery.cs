using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Safeguarding;

/// <summary>
/// The outbox dispatcher: carries out the safeguarding operations (the review and advice cards, notices in a thread
/// with the deputies mentioned) and hands every other operation to <see cref="ApprovalDelivery"/>. Cards are built
/// from the record at send time, so an update always shows the latest state.
/// </summary>
public sealed partial class SafeguardingDelivery(
    ApprovalDelivery approvals,
    SafeguardingRecords records,
    ApproverChannelStore channels,
    ConnectorClient connector,
    BotDbContext db,
    UnitOfWork unitOfWork,
    AuditLog audit,
    Outbox outbox,
    IOptionsMonitor<ApprovalOptions> options,
    TimeProvider time,
    ILogger<SafeguardingDelivery> logger) : IOutboxDispatcher
{
    public async Task<OutboxDispatchResult> DispatchAsync(OutboxMessageRow message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mine = SafeguardingOperations.IsMine(message.Operation);
        var row = message.RequestId is { } id && (mine || message.Operation == OutboxOperations.UpdateApprovalCard)
            ? await records.FindAsync(id, cancellationToken)
            : null;
        BotTelemetry.TagReference(row?.Reference);
        if (!mine && (row is null || row.Kind == RecordKinds.Request))
        {
            return await approvals.DispatchAsync(message, cancellationToken);
        }

        if (row is null)
        {
            throw new InvalidOperationException($"outbox row {message.Id} refers to no record");
        }

        return message.Operation switch
        {
            SafeguardingOperations.PostRecordCard => await PostCardAsync(row, cancellationToken),
            SafeguardingOperations.ChannelNotice => await NoticeAsync(row, Payload(message), cancellationToken),
            _ => await UpdateCardAsync(row, cancellationToken), // updateRecordCard, or a delivery-problem update of a record card
        };
    }

    public async Task OnGaveUpAsync(OutboxMessageRow message, string status, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = message.RequestId is { } id ? await records.FindAsync(id, cancellationToken) : null;
        if (!SafeguardingOperations.IsMine(message.Operation) && (row is null || row.Kind == RecordKinds.Request))
        {
            await approvals.OnGaveUpAsync(message, status, error, cancellationToken);
            if (message.Operation == OutboxOperations.PostApprovalCard && row is not null)
            {
                // A request whose card is not in the channel must not wait in silence: tell the channel, with the way out.
                outbox.Enqueue(SafeguardingOperations.ChannelNotice, "card not posted", row.Id, JsonSerializer.Serialize(
                    new ChannelNoticePayload { Text = CardNotPosted(row.Reference, status) }, SafeguardingOutboxJsonContext.Default.ChannelNoticePayload));
                await db.SaveChangesAsync(cancellationToken);
                outbox.Wake();
            }

            return;
        }

        var problem = message.Operation switch
        {
            OutboxOperations.NotifyRequester => "The practitioner could not be told in Teams; contact them directly.",
            SafeguardingOperations.PostRecordCard => "This card could not be posted; check the approvers' channel registration.",
            SafeguardingOperations.ChannelNotice => "A reminder or escalation about this record could not be posted.",
            _ => "This card could not be updated; the record is correct.",
        };
        if (status == OutboxStatus.Unknown)
        {
            problem = "A message about this record may not have been delivered (the connector did not answer).";
        }

        Log.GaveUp(logger, message.Operation, row?.Reference ?? "(none)");
        await unitOfWork.ExecuteAsync(async ct =>
        {
            await audit.AppendAsync("system", status == OutboxStatus.Unknown ? "delivery-unknown" : "delivery-failed", row?.Kind ?? "request", message.RequestId?.ToString(),
                new JsonObject { ["operation"] = message.Operation, ["purpose"] = message.Purpose, ["error"] = error }, ct);
            if (row is not null)
            {
                await db.Requests.Where(r => r.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeliveryProblem, problem), ct);
                var isCardOperation = message.Operation is SafeguardingOperations.PostRecordCard or SafeguardingOperations.UpdateRecordCard or OutboxOperations.UpdateApprovalCard;
                var hasCard = row.Kind != RecordKinds.Request || row.ApprovalActivityId is not null; // no update for a card never posted
                if (!isCardOperation && hasCard)
                {
                    outbox.Enqueue(row.Kind == RecordKinds.Request ? OutboxOperations.UpdateApprovalCard : SafeguardingOperations.UpdateRecordCard, "show delivery problem", row.Id);
                }
            }
        }, cancellationToken);
        outbox.Wake();
    }

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

        var card = RecordCards.Channel(await records.ModelAsync(row, await RefreshUserIdsAsync(channel, row, cancellationToken), time.GetUtcNow(), cancellationToken));
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
        var card = RecordCards.Channel(await records.ModelAsync(row, refresh, time.GetUtcNow(), cancellationToken));
        var activity = Message(channel, card: card) with { Id = row.ApprovalActivityId };
        await connector.UpdateActivityAsync(row.ApprovalServiceUrl, row.ApprovalConversationId, row.ApprovalActivityId, activity, cancellationToken);
        return OutboxDispatchResult.Done(row.ApprovalConversationId, row.ApprovalActivityId);
    }

    /// <summary>A reply in the record's thread; a new thread when its card was never posted (an overdue emergency record).</summary>
    private async Task<OutboxDispatchResult> NoticeAsync(InfoRequestRow row, ChannelNoticePayload payload, CancellationToken cancellationToken)
    {
        var channel = await channels.GetAsync(cancellationToken);
        if (channel is null && row.ApprovalConversationId is null)
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
                var mention = $"<at>{name}</at>";
                entities.Add(new JsonObject { ["type"] = "mention", ["text"] = mention, ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name } });
            }

            text += entities.Count > 0
                ? "\n\n" + string.Join(" ", entities.Select(e => e["text"]!.GetValue<string>()))
                : deputies.Count == 0
                    ? "\n\nNo deputies are configured to be told (Approvals:DeputyAadObjectIds)."
                    : "\n\nThe configured deputies could not be found in the approvers' team, so they were not mentioned.";
        }

        var activity = Message(channel, text: text) with { Entities = entities.Count > 0 ? entities : null };
        if (row.ApprovalConversationId is not null && row.ApprovalServiceUrl is not null)
        {
            var sent = await connector.SendToConversationAsync(row.ApprovalServiceUrl, row.ApprovalConversationId, activity, cancellationToken);
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
        if (deputies.Count == 0)
        {
            return [];
        }

        IReadOnlyList<TeamsMember> members;
        try
        {
            members = await connector.GetMembersAsync(channel.ServiceUrl, channel.TeamId ?? channel.ConversationId, cancellationToken);
        }
        catch (ConnectorException ex)
        {
            Log.RosterUnavailable(logger, ex.Kind.ToString());
            return [];
        }

        return [.. members
            .Where(m => m.Id is not null && m.EntraObjectId is not null && deputies.Contains(m.EntraObjectId, StringComparer.OrdinalIgnoreCase))
            .Select(m => (m.Id!, string.IsNullOrWhiteSpace(m.Name) ? "Deputy" : m.Name!))];
    }

    /// <summary>Teams user ids that get the automatic detail view: configured approvers (or, with the roster on, the team), never the practitioner.</summary>
    private async Task<IReadOnlyList<string>> RefreshUserIdsAsync(ApproverChannelRow channel, InfoRequestRow row, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        IReadOnlyList<TeamsMember> members;
        try
        {
            members = await connector.GetMembersAsync(channel.ServiceUrl, channel.TeamId ?? channel.ConversationId, cancellationToken);
        }
        catch (ConnectorException)
        {
            return [];
        }

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

    /// <summary>The channel's notice when a request's approval card could not be posted, or may not have been.</summary>
    internal static string CardNotPosted(string reference, string status) => status == OutboxStatus.Unknown
        ? $"**The approval card for {reference} may not have been posted** (Teams did not answer). The request is recorded and waiting for a decision. "
          + $"If you cannot see its card in this channel, type `repost {reference}` (mentioning the bot) to post it again."
        : $"**The approval card for {reference} could not be posted.** The request is recorded and waiting for a decision. "
          + $"Type `repost {reference}` (mentioning the bot) to post it again; if that fails too, check the bot's membership of this team.";

    private static ChannelNoticePayload Payload(OutboxMessageRow message) =>
        JsonSerializer.Deserialize(message.PayloadJson, SafeguardingOutboxJsonContext.Default.ChannelNoticePayload)
        ?? throw new InvalidOperationException($"outbox row {message.Id} has no notice");

    private static partial class Log
    {
        [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Approvers' roster could not be read ({Kind}); deputies not mentioned")]
        public static partial void RosterUnavailable(ILogger logger, string kind);

        [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Safeguarding send {Operation} for {Reference} given up")]
        public static partial void GaveUp(ILogger logger, string operation, string reference);
    }
}
