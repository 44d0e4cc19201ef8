using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>The one reader of what a form card's Submit sends back (a dialog step or a safeguarding form): values as strings.</summary>
public static class SubmittedValues
{
    private const int MaxInputLength = PolicyValidator.MaxTextLimit;

    /// <summary>Only the form's own inputs (and their confirmation boxes), as strings, bounded in length.</summary>
    public static Dictionary<string, string> Of(JsonObject submitted, IReadOnlyList<FormField> fields)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(fields);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            foreach (var id in new[] { field.Id, field.Id + CardData.NoIdentifierConfirmSuffix })
            {
                var value = ReadString(submitted, id);
                if (value is not null)
                {
                    values[id] = value.Length > MaxInputLength ? value[..MaxInputLength] : value;
                }
            }
        }

        return values;
    }

    /// <summary>The fields a re-shown safeguarding form said were already warned about.</summary>
    public static IReadOnlyList<string> Warned(JsonObject submitted)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        return (ReadString(submitted, SafeguardingCards.WarnedKey) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>A value as a string: strings as they are, numbers and booleans as text, an array of strings comma-separated.</summary>
    public static string? ReadString(JsonObject values, string key)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        return node switch
        {
            JsonValue value => value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number => value.ToJsonString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            },
            JsonArray array => string.Join(',', array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())),
            _ => null,
        };
    }

    public static int? ReadInt(JsonObject values, string key) =>
        int.TryParse(ReadString(values, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
