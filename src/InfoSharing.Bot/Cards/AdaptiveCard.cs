using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Cards;

/// <summary>Small builders for the few Adaptive Card elements the bot uses (schema 1.5, Action.Submit only).</summary>
public static class AdaptiveCard
{
    public const string Version = "1.5";
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static JsonObject Card(JsonArray body, JsonArray? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = Schema,
            ["version"] = Version,
            ["body"] = body,
        };
        if (actions is { Count: > 0 })
        {
            card["actions"] = actions;
        }

        return card;
    }

    public static JsonObject Text(string text, string? id = null, bool bold = false, string? size = null, string? color = null, bool subtle = false, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock" };
        if (id is not null)
        {
            block["id"] = id;
        }

        block["text"] = text;
        block["wrap"] = true;
        if (bold)
        {
            block["weight"] = "Bolder";
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }

    public static JsonObject Heading(string text) => Text(text, bold: true, size: "Medium");

    public static JsonObject FactSet(IEnumerable<(string Title, string Value)> facts)
    {
        var array = new JsonArray();
        foreach (var (title, value) in facts)
        {
            array.Add(new JsonObject { ["title"] = title, ["value"] = value });
        }

        return new JsonObject { ["type"] = "FactSet", ["facts"] = array };
    }

    public static JsonObject Container(JsonArray items, bool separator = false, string? style = null, string? id = null)
    {
        var container = new JsonObject { ["type"] = "Container" };
        if (id is not null)
        {
            container["id"] = id;
        }

        if (style is not null)
        {
            container["style"] = style;
        }

        if (separator)
        {
            container["separator"] = true;
            container["spacing"] = "Medium";
        }

        container["items"] = items;
        return container;
    }

    /// <summary>An Action.Submit. Buttons that must work with an incomplete form (Back, Help, Edit) send no inputs.</summary>
    public static JsonObject Submit(string title, JsonObject data, string? style = null, bool sendsInputs = true)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = title,
            ["data"] = data,
        };
        if (style is not null)
        {
            action["style"] = style;
        }

        if (!sendsInputs)
        {
            action["associatedInputs"] = "none";
        }

        return action;
    }

    public static JsonObject ActionSet(params JsonObject[] actions)
    {
        var array = new JsonArray();
        foreach (var action in actions)
        {
            array.Add(action);
        }

        return new JsonObject { ["type"] = "ActionSet", ["actions"] = array };
    }

    public static JsonObject Data(string action, CardActionContext? context = null)
    {
        var data = new JsonObject { [CardData.Action] = action };
        if (context is not null)
        {
            data[CardData.Step] = context.Step;
            data[CardData.DialogVersion] = context.DialogVersion;
            data[CardData.DraftRevision] = context.DraftRevision;
            data[CardData.DraftId] = context.DraftId;
        }

        return data;
    }

    /// <summary>A button that opens an inline card of inputs with its confirming action.</summary>
    public static JsonObject ShowCard(string title, string? style, JsonNode?[] inputs, JsonObject confirm)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = title,
            ["card"] = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["body"] = new JsonArray([.. inputs.Where(i => i is not null)]),
                ["actions"] = new JsonArray { confirm },
            },
        };
        if (style is not null)
        {
            action["style"] = style;
        }

        return action;
    }

    /// <summary>
    /// An approvers' card button (Action.Execute with <paramref name="verb"/>, the record's id under
    /// <paramref name="idKey"/>), falling back to an Action.Submit carrying the verb in its data for older clients.
    /// </summary>
    public static JsonObject Execute(string idKey, string title, string verb, string id, string? style)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            ["data"] = new JsonObject { [idKey] = id },
            ["fallback"] = new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = title,
                ["data"] = new JsonObject { [idKey] = id, ["verb"] = verb },
            },
        };
        if (style is not null)
        {
            action["style"] = style;
        }

        return action;
    }
}
