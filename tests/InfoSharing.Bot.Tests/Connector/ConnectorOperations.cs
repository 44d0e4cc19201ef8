using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

/// <summary>Calls an operation with fixed ids and the canned response it needs.</summary>
public static class ConnectorOperations
{
    public const string ActivityId = "f:1718|0001";
    public const string EscapedActivityId = "f%3A1718%7C0001";
    public const string MemberId = "29:1pRacTiTiOnEr";
    public const string EscapedMemberId = "29%3A1pRacTiTiOnEr";

    public static BotActivity Message { get; } = new() { Type = ActivityTypes.Message, Text = "Your request REQ-42 was sent to the approvers." };

    public static HttpMethod MethodOf(ConnectorOperation operation) => operation switch
    {
        ConnectorOperation.UpdateActivity => HttpMethod.Put,
        ConnectorOperation.GetMember or ConnectorOperation.GetMembers => HttpMethod.Get,
        _ => HttpMethod.Post,
    };

    /// <summary>The raw path after the serviceUrl, with <paramref name="escapedConversationId"/> in place.</summary>
    public static string PathOf(ConnectorOperation operation, string escapedConversationId) => operation switch
    {
        ConnectorOperation.SendToConversation => $"v3/conversations/{escapedConversationId}/activities",
        ConnectorOperation.ReplyToActivity or ConnectorOperation.UpdateActivity => $"v3/conversations/{escapedConversationId}/activities/{EscapedActivityId}",
        ConnectorOperation.CreateConversation => "v3/conversations",
        ConnectorOperation.GetMember => $"v3/conversations/{escapedConversationId}/members/{EscapedMemberId}",
        ConnectorOperation.GetMembers => $"v3/conversations/{escapedConversationId}/members",
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    public static LoopbackResponse SuccessOf(ConnectorOperation operation) => operation switch
    {
        ConnectorOperation.CreateConversation => LoopbackResponse.Json(201, """{"id":"a:1new","activityId":"1718"}"""),
        ConnectorOperation.GetMember => LoopbackResponse.Json(200, """{"id":"29:1pRacTiTiOnEr","name":"Dana"}"""),
        ConnectorOperation.GetMembers => LoopbackResponse.Json(200, """[{"id":"29:1pRacTiTiOnEr","name":"Dana"}]"""),
        _ => LoopbackResponse.Json(200, """{"id":"1718"}"""),
    };

    public static async Task<object?> InvokeAsync(
        ConnectorClient client, ConnectorOperation operation, string serviceUrl, string conversationId, CancellationToken cancellationToken) => operation switch
    {
        ConnectorOperation.SendToConversation => await client.SendToConversationAsync(serviceUrl, conversationId, Message, cancellationToken),
        ConnectorOperation.ReplyToActivity => await client.ReplyToActivityAsync(serviceUrl, conversationId, ActivityId, Message, cancellationToken),
        ConnectorOperation.UpdateActivity => await client.UpdateActivityAsync(serviceUrl, conversationId, ActivityId, Message, cancellationToken),
        ConnectorOperation.CreateConversation => await client.CreateConversationAsync(
            serviceUrl, new ConversationParameters { IsGroup = false, TenantId = "tenant-1", Members = [new ChannelAccount { Id = MemberId }] }, cancellationToken),
        ConnectorOperation.GetMember => await client.GetMemberAsync(serviceUrl, conversationId, MemberId, cancellationToken),
        ConnectorOperation.GetMembers => await client.GetMembersAsync(serviceUrl, conversationId, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };
}
