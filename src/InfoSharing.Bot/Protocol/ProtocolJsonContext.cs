using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Protocol;

/// <summary>
/// The one source-generated JSON context for the wire: names are explicit on every property, input is
/// case-insensitive (spec A2002), nulls are omitted on output (the Playground rejects <c>"text": null</c>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 64)]
[JsonSerializable(typeof(BotActivity))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(TeamsMember))]
[JsonSerializable(typeof(IReadOnlyList<TeamsMember>))]
[JsonSerializable(typeof(ConnectorErrorBody))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
