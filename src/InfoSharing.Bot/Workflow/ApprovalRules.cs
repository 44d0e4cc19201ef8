using System.Text.Json.Nodes;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Workflow;

/// <summary>
/// The server's rules for a click on the approval card, as pure functions: what was asked (parse and validate the
/// inputs), and whether this person may do it (cross-check 7 and the DPO / Prevent-lead routing of §4.4).
/// </summary>
public static class ApprovalRules
{
    public const int MaxTextLength = 2000;
    public const int MinQuestionLength = 10;
    public const int MinInPartNoteLength = 10;

    /// <summary>The approval card's inputs of "approve in part" (the ticked categories and recipients, the note).</summary>
    public const string InPartCategories = "inPartCategories";
    public const string InPartRecipients = "inPartRecipients";
    public const string InPartNote = "inPartNote";
    public const string InPartNoIdentifiers = "inPartNoIdentifiers";

    public static ApprovalParse Parse(string? verb, JsonNode? data, bool automatic, int minDeclineReasonLength, IReadOnlyList<ChoiceItem> declineReasons)
    {
        ArgumentNullException.ThrowIfNull(declineReasons);
        if (!ApprovalVerbs.IsKnown(verb))
        {
            return ApprovalParse.Bad("UnknownVerb", $"'{verb}' is not an action of the approval card.");
        }

        if (data is not JsonObject inputs)
        {
            return ApprovalParse.Bad("BadRequest", "The card sent no data.");
        }

        if (!Guid.TryParse(Text(inputs, "requestId"), out var requestId))
        {
            return ApprovalParse.Bad("BadRequest", "The card did not say which request it is about.");
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var action = new ApproverAction
        {
            Verb = verb!,
            RequestId = requestId,
            Automatic = automatic,
            Inputs = (JsonObject)inputs.DeepClone(),
            Conditions = Bounded(inputs, "conditions", errors),
            ReasonCode = Text(inputs, "declineReasonCode"),
            Reason = Bounded(inputs, "declineReason", errors),
            Reconsider = !string.Equals(Text(inputs, "reconsider"), "false", StringComparison.OrdinalIgnoreCase),
            Question = Bounded(inputs, "question", errors),
            Note = Bounded(inputs, verb == ApprovalVerbs.Reassign ? "reassignNote" : "conflictNote", errors),
            ReassignTo = Text(inputs, "reassignTo"),
            InPartCategoryIds = Ids(inputs, InPartCategories),
            InPartRecipientTypeIds = Ids(inputs, InPartRecipients),
            InPartNote = Bounded(inputs, InPartNote, errors),
        };

        switch (verb)
        {
            case ApprovalVerbs.Decline:
                if (DeclineReasons.Title(declineReasons, action.ReasonCode) is null)
                {
                    errors["declineReasonCode"] = "Choose a reason code.";
                }

                if ((action.Reason?.Length ?? 0) < minDeclineReasonLength)
                {
                    errors["declineReason"] = $"Explain the decision in at least {minDeclineReasonLength} characters (recorded, not shown in the channel).";
                }

                break;
            case ApprovalVerbs.MoreInfo:
                if ((action.Question?.Length ?? 0) < MinQuestionLength)
                {
                    errors["question"] = $"Write the question for the practitioner (at least {MinQuestionLength} characters).";
                }

                break;
            case ApprovalVerbs.ApproveInPart:
                if ((action.InPartNote?.Length ?? 0) < MinInPartNoteLength)
                {
                    errors[InPartNote] = $"Say what was left out and why (at least {MinInPartNoteLength} characters; recorded, not shown in the channel).";
                }

                break;
        }

        return new ApprovalParse(action, null, null, errors);
    }

    /// <summary>Why this person may not do this, or null when they may (decided on the server, never by the card).</summary>
    public static string? WhyNot(string verb, ApproverKind actorKinds, bool actorIsRequester, bool actorDeclaredConflict, ApproverKind required)
    {
        if (verb is ApprovalVerbs.Refresh)
        {
            return null;
        }

        if (actorIsRequester)
        {
            return "You made this request, so you cannot act on it as an approver.";
        }

        if (actorKinds == ApproverKind.None)
        {
            return "Only approvers can act on information-sharing requests.";
        }

        if (actorDeclaredConflict && verb is not ApprovalVerbs.Details)
        {
            return "You declared a conflict of interest on this request, so another approver must decide it.";
        }

        if (verb is ApprovalVerbs.Approve or ApprovalVerbs.ApproveInPart or ApprovalVerbs.Decline && required != ApproverKind.None && (actorKinds & required) == ApproverKind.None)
        {
            return $"This request must be decided by {Describe(required)}.";
        }

        return null;
    }

    /// <summary>The approver kinds still needed after the approvals given so far.</summary>
    public static ApproverKind Remaining(ApproverKind required, ApproverKind satisfied) => required & ~satisfied;

    public static ApproverKind Required(bool requiresDpo, bool requiresPreventLead) =>
        (requiresDpo ? ApproverKind.Dpo : ApproverKind.None) | (requiresPreventLead ? ApproverKind.PreventLead : ApproverKind.None);

    public static string Describe(ApproverKind kinds)
    {
        var parts = new List<string>();
        if (kinds.HasFlag(ApproverKind.Dpo))
        {
            parts.Add("the Data Protection Officer");
        }

        if (kinds.HasFlag(ApproverKind.PreventLead))
        {
            parts.Add("the Prevent lead");
        }

        return parts.Count == 0 ? "an approver" : string.Join(" and ", parts);
    }

    private static string? Text(JsonObject o, string name) =>
        o.TryGetPropertyValue(name, out var node) && node is JsonValue v
            ? (v.TryGetValue<string>(out var s) ? s.Trim() : v.ToJsonString())
            : null;

    /// <summary>A multi-select's values (comma-separated, as Input.ChoiceSet and an HTML form send them), trimmed, each once.</summary>
    private static IReadOnlyList<string> Ids(JsonObject o, string name) =>
        [.. (Text(o, name) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private static string? Bounded(JsonObject o, string name, Dictionary<string, string> errors)
    {
        var value = Text(o, name);
        if (value is { Length: > MaxTextLength })
        {
            errors[name] = $"Keep this under {MaxTextLength} characters.";
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }
}

/// <summary>The outcome of parsing a click: an action (maybe with field errors), or a bad request.</summary>
public sealed record ApprovalParse(ApproverAction? Action, string? ErrorCode, string? ErrorMessage, IReadOnlyDictionary<string, string> FieldErrors)
{
    public bool IsValid => Action is not null && FieldErrors.Count == 0;

    public static ApprovalParse Bad(string code, string message) => new(null, code, message, new Dictionary<string, string>());
}
