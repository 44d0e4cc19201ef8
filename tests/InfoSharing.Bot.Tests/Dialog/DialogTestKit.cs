using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Samples;

namespace InfoSharing.Bot.Tests.Dialog;

/// <summary>Helpers that drive the pure dialog like a practitioner would: type text, click buttons, fill cards.</summary>
internal static class DialogTestKit
{
    public static readonly DialogActor Practitioner = new("11111111-2222-3333-4444-555555555555", "Dana Practitioner");

    public static readonly DateTimeOffset Now = new(2026, 11, 12, 14, 3, 0, TimeSpan.Zero);

    private static readonly Lazy<PolicyDocument> Shipped = new(() => PolicyLoader.Load(PolicyLoader.DefaultPath));

    public static PolicyDocument PolicyDoc => Shipped.Value;

    public static DialogContext Context(PolicyDocument? policy = null, DateTimeOffset? now = null) =>
        new() { Policy = policy ?? PolicyDoc, Now = now ?? Now };

    public static DialogResult Type(DialogState? state, string text, DialogContext? context = null) =>
        DialogEngine.Next(state, new TypedTextInput { Actor = Practitioner, Text = text }, context ?? Context());

    public static DialogResult Click(DialogState? state, string action, DialogContext? context = null) =>
        DialogEngine.Next(state, new CardSubmitInput { Actor = Practitioner, Values = new JsonObject { [CardData.Action] = action } }, context ?? Context());

    public static JsonObject Card(DialogResult result) =>
        result.Replies.LastOrDefault(r => r.Card is not null)?.Card ?? throw new InvalidOperationException("No card in the replies.");

    /// <summary>The data of the button with this action on the last card.</summary>
    public static JsonObject ActionData(DialogResult result, string action)
    {
        var card = Card(result);
        var actions = AllActions(card);
        var found = actions.FirstOrDefault(a => a["data"]?[CardData.Action]?.GetValue<string>() == action)
            ?? throw new InvalidOperationException($"No '{action}' button on the card.");
        return (JsonObject)found["data"]!.DeepClone();
    }

    public static IEnumerable<JsonObject> AllActions(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() == "Action.Submit")
                {
                    yield return obj;
                }

                foreach (var (_, child) in obj)
                {
                    foreach (var action in AllActions(child))
                    {
                        yield return action;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var action in AllActions(child))
                    {
                        yield return action;
                    }
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Every element of the card with an id, by id.</summary>
    public static Dictionary<string, JsonObject> ElementsById(JsonObject card)
    {
        var found = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        Walk(card, found);
        return found;

        static void Walk(JsonNode? node, Dictionary<string, JsonObject> found)
        {
            if (node is JsonObject obj)
            {
                if (obj["id"] is JsonValue id && obj["type"] is not null)
                {
                    found.Add(id.GetValue<string>(), obj);
                }

                foreach (var (key, child) in obj)
                {
                    if (key != "data")
                    {
                        Walk(child, found);
                    }
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array)
                {
                    Walk(child, found);
                }
            }
        }
    }

    /// <summary>Clicks the card's main button (Continue / Submit) with these input values.</summary>
    public static DialogResult Submit(DialogResult current, IReadOnlyDictionary<string, string> values, DialogContext? context = null)
    {
        var data = ActionData(current, CardData.Submit);
        foreach (var (key, value) in values)
        {
            data[key] = value;
        }

        return DialogEngine.Next(current.State, new CardSubmitInput { Actor = Practitioner, Values = data }, context ?? Context());
    }

    public static DialogResult Press(DialogResult current, string action, DialogContext? context = null, Action<JsonObject>? change = null)
    {
        var data = ActionData(current, action);
        change?.Invoke(data);
        return DialogEngine.Next(current.State, new CardSubmitInput { Actor = Practitioner, Values = data }, context ?? Context());
    }

    public static Dictionary<string, string> Sample(DialogStep step, Action<Dictionary<string, string>>? change = null)
    {
        var values = new Dictionary<string, string>(DialogCardCatalogue.SampleValues(step, Now), StringComparer.Ordinal);
        change?.Invoke(values);
        return values;
    }

    /// <summary>Starts a request and answers every step with the sample answers (optionally changed) until <paramref name="stop"/> is shown.</summary>
    public static DialogResult AnswerUntil(DialogStep stop, Func<DialogStep, Dictionary<string, string>, Dictionary<string, string>>? change = null, DialogContext? context = null)
    {
        var result = Click(null, CardData.NewRequest, context);
        for (var step = DialogStep.Urgency; step < stop; step++)
        {
            var values = Sample(step);
            if (change is not null)
            {
                values = change(step, values);
            }

            result = Submit(result, values, context);
            Assert.True(result.State?.Step == step + 1, $"Step {step} was not accepted: {ErrorsOf(result)}");
        }

        return result;
    }

    public static string ErrorsOf(DialogResult result)
    {
        if (result.Replies.All(r => r.Card is null))
        {
            return string.Join(" | ", result.Replies.Select(r => r.Text));
        }

        return string.Join(" | ", ElementsById(Card(result)).Where(e => e.Key.EndsWith(CardData.ErrorSuffix, StringComparison.Ordinal)).Select(e => e.Key + ": " + e.Value["text"]));
    }

    public static string? ErrorText(DialogResult result, string fieldId) =>
        ElementsById(Card(result)).TryGetValue(fieldId + CardData.ErrorSuffix, out var block) ? block["text"]?.GetValue<string>() : null;

    public static string? WarningText(DialogResult result, string fieldId) =>
        ElementsById(Card(result)).TryGetValue(fieldId + CardData.WarningSuffix, out var block) ? block["text"]?.GetValue<string>() : null;

    public static string? InputValue(DialogResult result, string fieldId) =>
        ElementsById(Card(result)).TryGetValue(fieldId, out var input) ? input["value"]?.GetValue<string>() : null;

    public static bool HasInput(DialogResult result, string fieldId) => ElementsById(Card(result)).ContainsKey(fieldId);
}
