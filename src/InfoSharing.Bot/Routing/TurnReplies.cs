using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// Replies in the conversation a turn came from, composed as the SDK does (protocol.md §4.3). Most are sent directly and
/// at most once: the turn's redelivery claim is committed before the first reply leaves, so a redelivery (or a retry
/// after a failure) never sends them again, and a lost one is re-created from the saved state by the practitioner's next
/// message. A reply whose loss nothing repairs (a submission's reference) is held instead: an outbox row written in the
/// turn's own transaction and sent in-line just after it commits, so a crash between the commit and the send leaves it to
/// the outbox, which sends it exactly once (or, when its write may have left, ends it unknown and surfaces that), whether
/// or not Teams redelivers the activity.
/// </summary>
public sealed class TurnReplies(ConnectorClient connector, ActivityDeduplicator turns, Outbox outbox, OutboxProcessor processor, IServiceProvider services)
{
    public async Task<ResourceResponse> SendAsync(TurnContext turn, string? text, JsonObject? card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var inbound = turn.Activity;
        var reply = new BotActivity
        {
            Type = ActivityTypes.Message,
            From = inbound.Recipient,
            Recipient = inbound.From,
            Conversation = new ConversationAccount { Id = inbound.Conversation!.Id },
            ReplyToId = inbound.Id,
            Text = text,
            TextFormat = text is null ? null : "markdown",
            Attachments = card is null ? null : [Attachment.AdaptiveCard(card)],
        };
        await turns.CommitClaimNowAsync(cancellationToken);
        return await connector.SendToConversationAsync(inbound.ServiceUrl!, inbound.Conversation.Id!, reply, cancellationToken);
    }

    /// <summary>
    /// Inside the turn's unit of work: a reply to the turn's activity for the requester of <paramref name="requestId"/> (this
    /// 1:1 chat) that commits with the turn; the <paramref name="order"/>-th of the turn's held replies. Send it with
    /// <see cref="SendHeldAsync"/>.
    /// </summary>
    public OutboxMessageRow Hold(TurnContext turn, Guid requestId, string text, int order)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var payload = new NotificationPayload { Text = text, ReplyToId = turn.Activity.Id };
        return outbox.EnqueueHeld(OutboxOperations.NotifyRequester, "turn reply", requestId,
            JsonSerializer.Serialize(payload, NotificationJsonContext.Default.NotificationPayload), order);
    }

    /// <summary>After the commit: sends the held replies in order, each through the outbox's own send (its start recorded first).</summary>
    public async Task SendHeldAsync(IReadOnlyList<OutboxMessageRow> held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        foreach (var row in held)
        {
            await processor.SendHeldAsync(services, row, cancellationToken);
        }
    }
}
