using System.Text.Json.Nodes;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

/// <summary>What <see cref="LoopbackConnector"/> does with one matched request.</summary>
public sealed record LoopbackResponse
{
    public int Status { get; init; } = 200;

    /// <summary>The body; null sends none.</summary>
    public string? Body { get; init; }

    public string ContentType { get; init; } = "application/json; charset=utf-8";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Real time to wait before answering (or before hanging/aborting).</summary>
    public TimeSpan Delay { get; init; }

    public LoopbackBehavior Behavior { get; init; } = LoopbackBehavior.Respond;

    public static LoopbackResponse Json(int status, string json) => new() { Status = status, Body = json };

    /// <summary>A status with no body at all (e.g. 202 without an id).</summary>
    public static LoopbackResponse Empty(int status) => new() { Status = status };

    /// <summary>A Connector error body <c>{ "error": { "code", "message", "subCode"? } }</c>.</summary>
    public static LoopbackResponse Error(int status, string code, string message = "error", string? subCode = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (subCode is not null)
        {
            error["subCode"] = subCode;
        }

        return Json(status, new JsonObject { ["error"] = error }.ToJsonString());
    }

    /// <summary>Never answers; the request ends when the client gives up or the server stops.</summary>
    public static LoopbackResponse Hang() => new() { Behavior = LoopbackBehavior.Hang };

    /// <summary>Reads the request, then drops the connection without a response (a reset as the client sees it).</summary>
    public static LoopbackResponse Abort() => new() { Behavior = LoopbackBehavior.Abort };

    public LoopbackResponse WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase) { [name] = value } };

    public LoopbackResponse WithDelay(TimeSpan delay) => this with { Delay = delay };
}
