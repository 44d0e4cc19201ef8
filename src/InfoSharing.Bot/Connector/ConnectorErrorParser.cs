using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Protocol;

namespace InfoSharing.Bot.Connector;

/// <summary>
/// Reads <c>{ "error": { "code", "message", "subCode"? } }</c> from an error response, tolerating any other body.
/// <see cref="ConnectorError"/> has no <c>subCode</c>, so this reads the body as a <see cref="JsonObject"/>
/// (still through <see cref="ProtocolJsonContext"/>).
/// </summary>
internal static class ConnectorErrorParser
{
    public static ParsedError Parse(byte[] body)
    {
        JsonObject? root;
        try
        {
            root = body.Length == 0 ? null : JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.JsonObject);
        }
        catch (JsonException)
        {
            return default;
        }

        var error = root?["error"] as JsonObject;
        return new ParsedError(
            StringAt(error, "code"),
            StringAt(error, "message"),
            StringAt(error, "subCode") ?? StringAt(root, "subCode"));
    }

    private static string? StringAt(JsonObject? parent, string name) =>
        parent is not null && parent.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : null;

    public readonly record struct ParsedError(string? Code, string? Message, string? SubCode);
}
