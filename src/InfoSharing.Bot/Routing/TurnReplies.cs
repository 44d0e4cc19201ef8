using System.Text.Json.Nodes;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// Replies in the conversation a turn came from, composed as the SDK does (protocol.md §4.3). Sent directly, not through
/// the outbox, and at most once: the turn's redelivery claim is committed before the first reply leaves, so a redelivery
/// (or a retry after a failure) never sends them again. A lost reply is re-created from the saved state by the
/// practitioner's next message; what must not be lost (approval card, card updates, notifications) goes through the outbox.
/// </summary>
public sealed class TurnReplies(ConnectorClient connector, ActivityDeduplicator turns)
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
}
