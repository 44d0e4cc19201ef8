using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// Carries out the approval outbox: posts the card as a new thread in the approvers' channel (or into the
/// development fallback conversation), PUTs it after every change, and tells the practitioner in their 1:1 chat
/// (creating the chat if needed). Cards are built from the record at send time, so an update always shows the latest state.
/// </summary>
public sealed class ApprovalDelivery(
    BotDbContext db,
    ApprovalRecords records,
    ApproverChannelStore channels,
    ConversationReferenceStore references,
    ConnectorClient connector,
    UnitOfWork unitOfWork,
    AuditLog audit,
    Outbox outbox,
    IOptionsMonitor<ApprovalOptions> options) : IOutboxDispatcher
{
    public async Task<OutboxDispatchResult> DispatchAsync(OutboxMessageRow message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.RequestId is { } id ? await records.FindAsync(id, cancellationToken) : null;
        if (request is null)
        {
            throw new InvalidOperationException($"outbox row {message.Id} refers to no request");
        }

        BotTelemetry.TagReference(request.Reference);
        return message.Operation switch
        {
            OutboxOperations.PostApprovalCard => await PostCardAsync(request, cancellationToken),
            OutboxOperations.UpdateApprovalCard => await UpdateCardAsync(request, cancellationToken),
            OutboxOperations.NotifyRequester => await NotifyRequesterAsync(request, Payload(message), cancellationToken),
            OutboxOperations.ThreadReply => await ThreadReplyAsync(request, Payload(message), cancellationToken),
            _ => throw new InvalidOperationException($"unknown outbox operation {message.Operation}"),
        };
    }

    public async Task OnGaveUpAsync(OutboxMessageRow message, string status, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var problem = message.Operation switch
        {
            OutboxOperations.NotifyRequester => "The practitioner could not be told in Teams; contact them directly.",
            OutboxOperations.PostApprovalCard => "The approval card could not be posted; check the approvers' channel registration.",
            OutboxOperations.ThreadReply => "A notice to this thread could not be posted.",
            _ => "This card could not be updated; the decision record is correct.",
        };
        if (status == OutboxStatus.Unknown)
        {
            problem = "A message about this request may not have been delivered (the connector did not answer).";
        }

        await unitOfWork.ExecuteAsync(async ct =>
        {
            await audit.AppendAsync("system", status == OutboxStatus.Unknown ? "delivery-unknown" : "delivery-failed", "request", message.RequestId?.ToString(),
                new JsonObject { ["operation"] = message.Operation, ["purpose"] = message.Purpose, ["error"] = error }, ct);
            if (message.RequestId is { } requestId)
            {
                await db.Requests.Where(r => r.Id == requestId).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeliveryProblem, problem), ct);
                if (message.Operation != OutboxOperations.UpdateApprovalCard && message.Operation != OutboxOperations.PostApprovalCard)
                {
                    outbox.Enqueue(OutboxOperations.UpdateApprovalCard, "show delivery problem", requestId);
                }
            }
        }, cancellationToken);
        outbox.Wake();
    }

    private async Task<OutboxDispatchResult> PostCardAsync(InfoRequestRow request, CancellationToken cancellationToken)
    {
        if (request.ApprovalActivityId is not null)
        {
            return OutboxDispatchResult.Done(request.ApprovalConversationId, request.ApprovalActivityId); // posted before a crash
        }

        var channel = await channels.GetAsync(cancellationToken);
        if (channel is null)
        {
            return OutboxDispatchResult.Wait("no approvers' channel is registered");
        }

        var model = await records.ModelAsync(request, await RefreshUserIdsAsync(channel, request, cancellationToken), cancellationToken);
        var card = ApprovalCards.Channel(model);
        var bot = new ChannelAccount { Id = channel.BotId, Name = channel.BotName };
        string conversationId;
        string? activityId;
        if (channel.Source != ApproverChannelSources.DevelopmentFallback && channel.TeamsChannelId is not null)
        {
            var created = await connector.CreateConversationAsync(channel.ServiceUrl, new ConversationParameters
            {
                IsGroup = true,
                Bot = bot.Id is null ? null : bot,
                TenantId = channel.TenantId,
                ChannelData = new JsonObject
                {
                    ["channel"] = new JsonObject { ["id"] = channel.TeamsChannelId },
                    ["tenant"] = channel.TenantId is null ? null : new JsonObject { ["id"] = channel.TenantId },
                },
                Activity = CardActivity(card, bot),
            }, cancellationToken);
            conversationId = created.Id ?? channel.ConversationId;
            activityId = created.ActivityId;
        }
        else
        {
            var sent = await connector.SendToConversationAsync(channel.ServiceUrl, channel.ConversationId, CardActivity(card, bot), cancellationToken);
            conversationId = channel.ConversationId;
            activityId = sent.Id;
        }

        await db.Requests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ApprovalServiceUrl, channel.ServiceUrl)
            .SetProperty(r => r.ApprovalConversationId, conversationId)
            .SetProperty(r => r.ApprovalActivityId, activityId), CancellationToken.None);
        return OutboxDispatchResult.Done(conversationId, activityId);
    }

    private async Task<OutboxDispatchResult> UpdateCardAsync(InfoRequestRow request, CancellationToken cancellationToken)
    {
        if (request.ApprovalActivityId is null || request.ApprovalConversationId is null || request.ApprovalServiceUrl is null)
        {
            return OutboxDispatchResult.Wait("the approval card has not been posted yet");
        }

        var channel = await channels.GetAsync(cancellationToken);
        var refresh = channel is null ? [] : await RefreshUserIdsAsync(channel, request, cancellationToken);
        var card = ApprovalCards.Channel(await records.ModelAsync(request, refresh, cancellationToken));
        var activity = CardActivity(card, new ChannelAccount { Id = channel?.BotId, Name = channel?.BotName }) with { Id = request.ApprovalActivityId };
        await connector.UpdateActivityAsync(request.ApprovalServiceUrl, request.ApprovalConversationId, request.ApprovalActivityId, activity, cancellationToken);
        return OutboxDispatchResult.Done(request.ApprovalConversationId, request.ApprovalActivityId);
    }

    private async Task<OutboxDispatchResult> NotifyRequesterAsync(InfoRequestRow request, NotificationPayload payload, CancellationToken cancellationToken)
    {
        var personal = await references.FindPersonalAsync(request.RequesterAadObjectId, cancellationToken);
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
            if (request.RequesterUserId is null || channel is null)
            {
                throw new ConnectorException(ConnectorFailureKind.NotFound, "no conversation with the practitioner is known") { ErrorCode = "NoConversation" };
            }

            serviceUrl = channel.ServiceUrl;
            var created = await connector.CreateConversationAsync(serviceUrl, new ConversationParameters
            {
                IsGroup = false,
                Members = [new ChannelAccount { Id = request.RequesterUserId }],
                TenantId = channel.TenantId,
                ChannelData = channel.TenantId is null ? null : new JsonObject { ["tenant"] = new JsonObject { ["id"] = channel.TenantId } },
            }, cancellationToken);
            conversationId = created.Id ?? throw new ConnectorException(ConnectorFailureKind.BadRequest, "create conversation returned no id") { ErrorCode = "NoId" };
        }

        var activity = new BotActivity
        {
            Type = ActivityTypes.Message,
            From = bot?.Id is null ? null : bot,
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

    private async Task<OutboxDispatchResult> ThreadReplyAsync(InfoRequestRow request, NotificationPayload payload, CancellationToken cancellationToken)
    {
        if (request.ApprovalConversationId is null || request.ApprovalServiceUrl is null)
        {
            return OutboxDispatchResult.Wait("the approval card has not been posted yet");
        }

        var sent = await connector.SendToConversationAsync(request.ApprovalServiceUrl, request.ApprovalConversationId,
            new BotActivity { Type = ActivityTypes.Message, Text = payload.Text, TextFormat = "markdown" }, cancellationToken);
        return OutboxDispatchResult.Done(request.ApprovalConversationId, sent.Id);
    }

    /// <summary>Teams user ids of the people who get the automatic detail view: configured approvers and, with the roster on, the team.</summary>
    private async Task<IReadOnlyList<string>> RefreshUserIdsAsync(ApproverChannelRow channel, InfoRequestRow request, CancellationToken cancellationToken)
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

        var configured = o.ApproverAadObjectIds.Concat(o.DpoAadObjectIds).Concat(o.PreventLeadAadObjectIds).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. members
            .Where(m => m.Id is not null && !string.Equals(m.EntraObjectId, request.RequesterAadObjectId, StringComparison.OrdinalIgnoreCase)
                        && !string.Equals(m.Id, request.RequesterAadObjectId, StringComparison.OrdinalIgnoreCase)
                        && (o.UseTeamRoster || (m.EntraObjectId is not null && configured.Contains(m.EntraObjectId))))
            .Select(m => m.Id!)
            .Take(60)];
    }

    private static BotActivity CardActivity(JsonObject card, ChannelAccount bot) => new()
    {
        Type = ActivityTypes.Message,
        From = bot.Id is null ? null : bot,
        Attachments = [Attachment.AdaptiveCard(card)],
    };

    private static NotificationPayload Payload(OutboxMessageRow message) =>
        JsonSerializer.Deserialize(message.PayloadJson, NotificationJsonContext.Default.NotificationPayload) ?? new NotificationPayload();
}

/// <summary>How the approvers' conversation was registered.</summary>
public static class ApproverChannelSources
{
    public const string Install = "install";
    public const string Command = "command";
    public const string DevelopmentFallback = "development-fallback";
}
