using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Dialog;

/// <summary>What the practitioner did: typed text (<see cref="TypedTextInput"/>) or a card submit (<see cref="CardSubmitInput"/>).</summary>
public abstract record DialogInput
{
    /// <summary>Who acted: the practitioner's own identity from the activity.</summary>
    public required DialogActor Actor { get; init; }

    /// <summary>
    /// Builds the input from a message activity: its <c>value</c> when it is a JSON object (an Action.Submit:
    /// the action's data merged with every input value), otherwise its <c>text</c> (mentions already stripped).
    /// </summary>
    public static DialogInput FromActivity(string? text, JsonNode? value, DialogActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (value is JsonObject values)
        {
            return new CardSubmitInput { Actor = actor, Values = (JsonObject)values.DeepClone() };
        }

        return new TypedTextInput { Actor = actor, Text = text ?? "" };
    }
}
