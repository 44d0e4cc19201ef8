using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Dialog;

/// <summary>One message to send to the practitioner: text, an Adaptive Card (attach with contentType application/vnd.microsoft.card.adaptive), or both.</summary>
public sealed record DialogReply
{
    public string? Text { get; init; }

    public JsonObject? Card { get; init; }

    public static DialogReply FromText(string text) => new() { Text = text };

    public static DialogReply FromCard(JsonObject card, string? text = null) => new() { Card = card, Text = text };
}
