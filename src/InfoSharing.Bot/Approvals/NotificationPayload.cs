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

    /// <summary>The people a thread or channel notice @mentions (Teams user id and name; those not in the team are named).</summary>
    [JsonPropertyName("mention")]
    public IReadOnlyList<MentionTarget>? Mention { get; init; }

    /// <summary>For a 1:1 notice to someone other than the practitioner (an administrator): their Entra object id.</summary>
    [JsonPropertyName("to")]
    public string? To { get; init; }

    /// <summary>For a turn's held reply: the id of the activity it answers, so it reads (and is matched) as that turn's reply.</summary>
    [JsonPropertyName("replyToId")]
    public string? ReplyToId { get; init; }
}

/// <summary>One person a notice @mentions.</summary>
public sealed record MentionTarget(
    [property: JsonPropertyName("objectId")] string ObjectId,
    [property: JsonPropertyName("userId")] string? UserId,
    [property: JsonPropertyName("name")] string Name);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NotificationPayload))]
public sealed partial class NotificationJsonContext : JsonSerializerContext;
