using System.Text.Json.Nodes;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

/// <summary>One request as <see cref="LoopbackConnector"/> received it.</summary>
public sealed record LoopbackRequest
{
    public required string Method { get; init; }

    /// <summary>The request target exactly as sent on the wire (escapes preserved, query included).</summary>
    public required string RawTarget { get; init; }

    /// <summary><see cref="RawTarget"/> without the query.</summary>
    public required string RawPath { get; init; }

    /// <summary>Headers by case-insensitive name; repeated values joined with ", ".</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonObject BodyJson() => JsonNode.Parse(Body)?.AsObject() ?? throw new InvalidOperationException("The request body is JSON null.");

    public override string ToString() => $"{Method} {RawTarget}";
}
