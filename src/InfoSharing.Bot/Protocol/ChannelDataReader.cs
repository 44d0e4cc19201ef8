using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Protocol;

/// <summary>The few Teams <c>channelData</c> fields the bot reads (protocol.md §2.1, §2.4), read defensively.</summary>
public readonly record struct ChannelDataReader(string? TenantId, string? TeamId, string? TeamName, string? TeamsChannelId, string? EventType)
{
    public static ChannelDataReader From(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var data = activity.ChannelData;
        if (data is null)
        {
            return default;
        }

        var selected = Path(data, "settings", "selectedChannel", "id");
        return new ChannelDataReader(
            Path(data, "tenant", "id"),
            Path(data, "team", "id"),
            Path(data, "team", "name"),
            Path(data, "channel", "id") ?? selected ?? Path(data, "teamsChannelId"),
            Path(data, "eventType"));
    }

    private static string? Path(JsonObject root, params string[] names)
    {
        JsonNode? node = root;
        foreach (var name in names)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(name, out node))
            {
                return null;
            }
        }

        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }
}
