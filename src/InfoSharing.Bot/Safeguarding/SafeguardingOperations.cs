using System.Text.Json.Serialization;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Safeguarding;

/// <summary>Outbox operations of the safeguarding paths (carried out by <see cref="SafeguardingDelivery"/>).</summary>
public static class SafeguardingOperations
{
    /// <summary>The retrospective review or advice card, as a new thread in the approvers' channel.</summary>
    public const string PostRecordCard = "postRecordCard";

    /// <summary>PUT the review or advice card after a change (idempotent).</summary>
    public const string UpdateRecordCard = "updateRecordCard";

    /// <summary>A notice in the record's thread (a new thread if its card was never posted), optionally mentioning the deputies.</summary>
    public const string ChannelNotice = "channelNotice";

    public static bool IsMine(string operation) => operation is PostRecordCard or UpdateRecordCard or ChannelNotice;
}

/// <summary>The stored body of a channel notice: its text, and whether to mention the configured deputies.</summary>
public sealed record ChannelNoticePayload
{
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("mentionDeputies")] public bool MentionDeputies { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChannelNoticePayload))]
public sealed partial class SafeguardingOutboxJsonContext : JsonSerializerContext;
