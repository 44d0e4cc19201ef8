using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Records;

/// <summary>One change of a practitioner's draft, as its audit entry records it (subject: the draft id).</summary>
public sealed record DraftTransition(string Action, string DraftId, JsonObject Details);
