using System.Text.Json.Nodes;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// The answer to a click: the invoke body (Action.Execute), and the text to post instead when the click came
/// through the Action.Submit fallback, which cannot receive a card back (protocol.md §2.3); and what the workflow did
/// (null when the click never reached it: not found, a malformed invoke).
/// </summary>
public sealed record ApprovalResponse(AdaptiveCardInvokeResponse Invoke, string? SubmitNotice)
{
    public WorkflowOutcome? Outcome { get; init; }

    public static ApprovalResponse Of(AdaptiveCardInvokeResponse invoke, string? submitNotice = null) =>
        new(invoke, submitNotice ?? (invoke.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text
            : invoke.Value is JsonObject o && o["message"] is JsonValue m && m.TryGetValue<string>(out var message) ? message : null));
}
