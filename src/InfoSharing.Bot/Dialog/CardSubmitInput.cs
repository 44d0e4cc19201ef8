using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Dialog;

/// <summary>An Action.Submit: the activity's <c>value</c> (the button's data merged with the input values by id).</summary>
public sealed record CardSubmitInput : DialogInput
{
    public required JsonObject Values { get; init; }
}
