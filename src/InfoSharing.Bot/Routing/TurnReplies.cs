using System.Text.Json.Nodes;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Protocol;

namespace InfoSharing.Bot.Routing;

/// <summary>Replies in the conversation a turn came from, composed as the SDK does (protocol.md §4.3).</summary>
public sealed class TurnReplies(ConnectorClient connector)
{
    public Task<ResourceResponse> SendAsync(TurnContext turn, string? text, JsonObject? card, CancellationToken cancellationToken)
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
        return connector.SendToConversationAsync(inbound.ServiceUrl!, inbound.Conversation.Id!, reply, cancellationToken);
    }
}
