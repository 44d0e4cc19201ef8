using System.Text.Json.Nodes;
using InfoSharing.Bot.Protocol;

namespace InfoSharing.Bot.Routing;

/// <summary>Removes the bot's own @mention from a channel message so commands parse (protocol.md §5.1).</summary>
public static class MentionText
{
    public static string? StripBotMention(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text;
        if (string.IsNullOrEmpty(text))
        {
            return text?.Trim();
        }

        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (!string.Equals(Str(entity, "type"), "mention", StringComparison.Ordinal))
            {
                continue;
            }

            var mentionedId = entity["mentioned"] is JsonObject m ? Str(m, "id") : null;
            var mentionText = Str(entity, "text");
            if (mentionText is { Length: > 0 } && (botId is null || string.Equals(mentionedId, botId, StringComparison.Ordinal)))
            {
                text = text.Replace(mentionText, string.Empty, StringComparison.Ordinal);
            }
        }

        // A mention whose entity was lost still reads as <at>…</at>; drop the markup rather than parse a name.
        while (text.IndexOf("<at>", StringComparison.OrdinalIgnoreCase) is var start and >= 0
               && text.IndexOf("</at>", start, StringComparison.OrdinalIgnoreCase) is var end and >= 0)
        {
            text = text.Remove(start, end - start + "</at>".Length);
        }

        return text.Trim();
    }

    private static string? Str(JsonObject o, string name) =>
        o.TryGetPropertyValue(name, out var v) && v is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
