using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Protocol;

/// <summary>Body of <c>POST v3/conversations</c> (protocol.md §4.4, §4.5).</summary>
public sealed record ConversationParameters
{
    [JsonPropertyName("isGroup")] public bool? IsGroup { get; init; }
    [JsonPropertyName("bot")] public ChannelAccount? Bot { get; init; }
    [JsonPropertyName("members")] public IReadOnlyList<ChannelAccount>? Members { get; init; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; init; }
    [JsonPropertyName("channelData")] public JsonObject? ChannelData { get; init; }
    [JsonPropertyName("activity")] public BotActivity? Activity { get; init; }
}

/// <summary>Response of create-conversation: the conversation id and, for a channel thread, the root activity id.</summary>
public sealed record ConversationResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("activityId")] public string? ActivityId { get; init; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; init; }
}

/// <summary>Response of a send / reply / update: the activity id (may be absent, protocol.md §4.3).</summary>
public sealed record ResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; init; }
}

/// <summary>A member as the roster API returns it. The Playground's list uses <c>objectId</c>, Teams <c>aadObjectId</c>.</summary>
public sealed record TeamsMember
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("aadObjectId")] public string? AadObjectId { get; init; }
    [JsonPropertyName("objectId")] public string? ObjectId { get; init; }
    [JsonPropertyName("userPrincipalName")] public string? UserPrincipalName { get; init; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    [JsonIgnore] public string? EntraObjectId => AadObjectId ?? ObjectId;
}

/// <summary>The Connector's error body <c>{ "error": { "code", "message" } }</c>.</summary>
public sealed record ConnectorErrorBody
{
    [JsonPropertyName("error")] public ConnectorError? Error { get; init; }
}

public sealed record ConnectorError
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
}

/// <summary>The body of an invoke response (protocol.md §2.7): key <c>statusCode</c>, never <c>status</c>.</summary>
public sealed record AdaptiveCardInvokeResponse
{
    [JsonPropertyName("statusCode")] public required int StatusCode { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("value")] public JsonNode? Value { get; init; }

    public static AdaptiveCardInvokeResponse Card(JsonObject card) => new() { StatusCode = 200, Type = ContentTypes.AdaptiveCard, Value = card };

    public static AdaptiveCardInvokeResponse Message(string text) => new() { StatusCode = 200, Type = ContentTypes.ActivityMessage, Value = JsonValue.Create(text) };

    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) => new()
    {
        StatusCode = statusCode,
        Type = ContentTypes.Error,
        Value = new JsonObject { ["code"] = code, ["message"] = message },
    };
}
