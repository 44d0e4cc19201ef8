using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Workflow;

/// <summary>A validated click on the approval card.</summary>
public sealed record ApproverAction
{
    public required string Verb { get; init; }
    public required Guid RequestId { get; init; }
    public string? Conditions { get; init; }
    public string? ReasonCode { get; init; }
    public string? Reason { get; init; }
    public bool Reconsider { get; init; } = true;
    public string? Question { get; init; }
    public string? Note { get; init; }

    /// <summary>Approve in part: the categories and recipient types left ticked, and the note of what was left out and why.</summary>
    public IReadOnlyList<string> InPartCategoryIds { get; init; } = [];
    public IReadOnlyList<string> InPartRecipientTypeIds { get; init; } = [];
    public string? InPartNote { get; init; }
    /// <summary>A reassignment's target: <c>person:&lt;object id&gt;</c> or <c>role:Dpo</c> / <c>role:PreventLead</c>.</summary>
    public string? ReassignTo { get; init; }

    /// <summary>True for an automatic <c>refresh</c> invoke (trigger automatic): show, never change.</summary>
    public bool Automatic { get; init; }

    /// <summary>Every input as sent, to re-show the card with the values kept after an error.</summary>
    public JsonObject Inputs { get; init; } = [];
}
