using System.Text.Json.Nodes;

namespace InfoSharing.Bot.LoadTest;

/// <summary>A write the fake connector accepted (acted on), whatever the bot then saw of the answer.</summary>
public sealed record AcceptedMessage(string Method, string ConversationId, JsonObject Body, string Fingerprint);
