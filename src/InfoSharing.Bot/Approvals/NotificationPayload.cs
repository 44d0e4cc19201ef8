using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// The stored body of a notify, thread-reply or channel-notice outbox row: text and optionally a card; whether the
/// practitioner's client alerts; whether a channel notice mentions the configured deputies.
/// </summary>
public sealed record NotificationPayload
{
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("card")] public JsonObject? Card { get; init; }
    [JsonPropertyName("alert")] public bool Alert { get; init; }

    [JsonPropertyName("mentionDeputies")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool MentionDeputies { get; init; }

    /// <summary>An admin's notice: the Entra object id of the admin whose 1:1 chat it goes to.</summary>
    [JsonPropertyName("recipient")] public string? Recipient { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NotificationPayload))]
public sealed partial class NotificationJsonContext : JsonSerializerContext;
