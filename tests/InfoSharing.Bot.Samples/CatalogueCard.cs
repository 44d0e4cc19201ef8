using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Samples;

/// <summary>One card of the catalogue: a file-friendly name and the card.</summary>
public sealed record CatalogueCard(string Name, JsonObject Card);
