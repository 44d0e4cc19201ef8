using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Cards;

/// <summary>One button of a form card (an Action.Submit): its title, the data it sends back, its style, and whether it sends the inputs.</summary>
public sealed record FormAction(string Title, JsonObject Data, string? Style = null, bool SendsInputs = true);
