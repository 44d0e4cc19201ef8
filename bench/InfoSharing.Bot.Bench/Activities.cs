using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Bench;

/// <summary>Activities shaped as Teams sends them (the same shapes as the test suite's builders).</summary>
public static class Activities
{
    public const string BotId = "28:infosharing-bench-bot";
    public const string TenantId = "bench-tenant";

    public static JsonObject Personal(string serviceUrl, string id, string userId, string aad, string name, string conversationId, string? text, JsonNode? value) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = name, ["aadObjectId"] = aad },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "InfoSharing Bot" },
        ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TenantId, ["id"] = conversationId },
        ["textFormat"] = "plain",
        ["text"] = text,
        ["value"] = value,
        ["locale"] = "en-GB",
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    };

    public static JsonObject ChannelMessage(string serviceUrl, string id, string userId, string aad, string text) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = userId, ["aadObjectId"] = aad },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "InfoSharing Bot" },
        ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = TenantId, ["id"] = LoopbackChannel.ApproversChannelId },
        ["text"] = $"<at>InfoSharing Bot</at> {text}",
        ["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>InfoSharing Bot</at>",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "InfoSharing Bot" },
        }),
        ["channelData"] = ChannelData(),
    };

    public static JsonObject ApprovalInvoke(string serviceUrl, string id, string userId, string aad, PostedCard card, string verb) => new()
    {
        ["type"] = "invoke",
        ["name"] = "adaptiveCard/action",
        ["id"] = id,
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = userId, ["aadObjectId"] = aad },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "InfoSharing Bot" },
        ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = TenantId, ["id"] = card.ThreadId },
        ["replyToId"] = card.ActivityId,
        ["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = new JsonObject { ["requestId"] = card.RequestId } },
            ["trigger"] = "manual",
        },
        ["channelData"] = ChannelData(),
    };

    private static JsonObject ChannelData() => new()
    {
        ["tenant"] = new JsonObject { ["id"] = TenantId },
        ["team"] = new JsonObject { ["id"] = LoopbackChannel.TeamId },
        ["channel"] = new JsonObject { ["id"] = LoopbackChannel.ApproversChannelId },
    };
}
