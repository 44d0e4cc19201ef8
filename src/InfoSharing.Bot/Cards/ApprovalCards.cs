using System.Text.Json.Nodes;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Cards;

/// <summary>
/// The approval card in the approvers' channel (domain.md §7), as pure functions. The shared card carries no free
/// text about the person; the detail view (user-specific, audited) carries the answers. Buttons are Action.Execute
/// with an Action.Submit fallback carrying the same data plus <c>verb</c> (protocol.md §5.4).
/// </summary>
public static class ApprovalCards
{
    /// <summary>The card everyone in the channel sees.</summary>
    public static JsonObject Channel(ApprovalCardModel model, IReadOnlyDictionary<string, string>? errors = null, JsonObject? inputs = null, string? banner = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = Header(model, banner);
        body.Add(Facts(model.Summary));
        foreach (var note in model.Summary.ConditionNotes)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = note, ["isSubtle"] = true, ["wrap"] = true, ["spacing"] = "Small" });
        }

        AddHistory(body, model);
        var card = Card(body);
        if (!RequestStatus.IsDecided(model.Status))
        {
            var (decisions, others) = Actions(model, errors ?? new Dictionary<string, string>(), inputs ?? []);
            card["actions"] = decisions;
            ((JsonArray)card["body"]!).Add(new JsonObject { ["type"] = "ActionSet", ["separator"] = true, ["actions"] = others });
            if (model.RefreshUserIds.Count > 0)
            {
                card["refresh"] = new JsonObject
                {
                    ["action"] = new JsonObject
                    {
                        ["type"] = "Action.Execute",
                        ["title"] = "Show details",
                        ["verb"] = ApprovalVerbs.Refresh,
                        ["data"] = new JsonObject { ["requestId"] = model.RequestId.ToString() },
                    },
                    ["userIds"] = new JsonArray([.. model.RefreshUserIds.Take(60).Select(id => (JsonNode?)JsonValue.Create(id))]),
                };
            }
        }

        return card;
    }

    /// <summary>The approver's own view: the shared card plus every answer. Sent only in an invoke response.</summary>
    public static JsonObject Detail(ApprovalCardModel model, ApprovalDetail detail)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(detail);
        var card = Channel(model, banner: "Full details: visible only to you, and recorded in the audit trail.");
        card.Remove("refresh");
        var body = (JsonArray)card["body"]!;
        foreach (var section in detail.Sections)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = section.Title, ["weight"] = "Bolder", ["separator"] = true, ["wrap"] = true });
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. section.Items.Select(i => (JsonNode?)new JsonObject { ["title"] = i.Label, ["value"] = i.Value })]),
            });
        }

        return card;
    }

    /// <summary>A stored UTC time as the UK reads it (cross-check 9), through the dialog's one UK-time rule.</summary>
    public static string FormatUk(DateTime utc) => UkTime.Format(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    private static JsonArray Header(ApprovalCardModel model, string? banner)
    {
        var s = model.Summary;
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = $"Information sharing request {s.Reference}", ["size"] = "Medium", ["weight"] = "Bolder", ["wrap"] = true },
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = StatusLine(model),
                ["color"] = model.Status switch { RequestStatus.Approved => "Good", RequestStatus.Declined => "Attention", _ => "Accent" },
                ["weight"] = "Bolder",
                ["wrap"] = true,
            },
        };
        if (banner is not null)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = banner, ["isSubtle"] = true, ["wrap"] = true });
        }

        if (model.DeliveryProblem is not null)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = $"⚠ {model.DeliveryProblem}", ["color"] = "Warning", ["wrap"] = true });
        }

        if (model.NoDecider && !RequestStatus.IsDecided(model.Status))
        {
            body.Add(new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = "⚠ No one who may decide this request can be reached (conflicts, absences or its routing rule); the administrators were told. Set cover or hand it on.",
                ["color"] = "Attention",
                ["wrap"] = true,
            });
        }

        foreach (var warning in s.Warnings)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = $"⚠ {warning}", ["color"] = "Warning", ["wrap"] = true, ["spacing"] = "Small" });
        }

        return body;
    }

    private static string StatusLine(ApprovalCardModel model) => model.Status switch
    {
        RequestStatus.Approved when model.Summary.InPart is { } inPart =>
            $"Approved in part by {model.DecidedBy} on {FormatUk(model.DecidedAtUtc ?? default)}: {inPart.ApprovedText()}; not approved: {inPart.LeftOutText()}",
        RequestStatus.Approved => $"Approved by {model.DecidedBy} on {FormatUk(model.DecidedAtUtc ?? default)}"
                                  + (model.Conditions is null ? string.Empty : " with conditions"),
        RequestStatus.Declined => $"Declined by {model.DecidedBy} on {FormatUk(model.DecidedAtUtc ?? default)}"
                                  + (model.DecisionReasonTitle is null ? string.Empty : $": {model.DecisionReasonTitle}"),
        RequestStatus.MoreInfoRequested when model.QuestionUnanswered => "More information requested from the practitioner: unanswered past the time allowed",
        RequestStatus.MoreInfoRequested => "More information requested from the practitioner",
        _ => RequiredLine(model.Summary),
    };

    private static string RequiredLine(ApprovalSummary s)
    {
        var required = ApprovalRules.Required(s.RequiresDpo, s.RequiresPreventLead);
        return required == ApproverKind.None ? "Awaiting an approver's decision" : $"Awaiting a decision by {ApprovalRules.Describe(required)}";
    }

    private static JsonObject Facts(ApprovalSummary s)
    {
        var categories = string.Join(", ", s.Categories.Select(c =>
            c.Title + (c.SpecialCategory ? " [SC]" : string.Empty) + (c.CriminalOffence ? " [CO]" : string.Empty)));
        // A record made before policy 2026.12.2 has no direction, subject, at-risk or separate conditions: those facts are left out.
        JsonNode?[] facts =
        [
            Fact("Case reference", s.CaseReference),
            Fact("Matter", s.MatterType),
            Fact("Request", s.Direction),
            Fact("Information about", s.About),
            Fact("Who is at risk", s.AtRisk.Count == 0 ? null : string.Join("; ", s.AtRisk)),
            Fact("Urgency", s.Deadline is null ? s.Urgency : $"{s.Urgency} (by {s.Deadline})"),
            Fact("Requested by", s.RequesterName),
            Fact("Information", categories),
            Fact("Special category content", s.SpecialCategoryContent is null ? null : s.SpecialCategoryContent.Count == 0 ? "None" : string.Join("; ", s.SpecialCategoryContent)),
            Fact("Criminal offence information", s.CriminalOffenceContent is { } offence ? (offence ? "Yes" : "No") : null),
            Fact("Recipient", s.RecipientType),
            Fact("Purposes", string.Join("; ", s.Purposes)),
            Fact("Lawful basis", s.LegalBasis),
            Fact("Statutory function", s.StatutoryFunction),
            Fact("Special category condition", s.Article9Condition),
            Fact("Criminal offence condition", s.CriminalOffenceCondition),
            Fact("Consent", s.ConsentStatus),
            Fact("Policy version", s.PolicyVersion),
        ];
        return new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray([.. facts.Where(f => f is not null)]),
        };
    }

    private static JsonObject? Fact(string title, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new JsonObject { ["title"] = title, ["value"] = value };

    private static void AddHistory(JsonArray body, ApprovalCardModel model)
    {
        if (model.History.Count == 0)
        {
            return;
        }

        body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = "History", ["weight"] = "Bolder", ["separator"] = true, ["wrap"] = true });
        foreach (var h in model.History)
        {
            var line = $"{FormatUk(h.AtUtc)}: {h.ActorName}: {h.Action}" + (h.ReasonTitle is null ? string.Empty : $" ({h.ReasonTitle})");
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = line, ["isSubtle"] = true, ["wrap"] = true, ["spacing"] = "None" });
        }
    }

    /// <summary>
    /// The decisions (Approve, Approve in part, Decline, Ask for more information: the card's own actions) and the
    /// others (Declare a conflict, Reassign, Details: an action set in the body), so that neither row goes over the
    /// five actions a Teams card shows.
    /// </summary>
    private static (JsonArray Decisions, JsonArray Others) Actions(ApprovalCardModel model, IReadOnlyDictionary<string, string> errors, JsonObject inputs)
    {
        var id = model.RequestId.ToString();
        string? Value(string name) => inputs.TryGetPropertyValue(name, out var v) && v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : null;

        var approve = AdaptiveCard.ShowCard("Approve", "positive", [
            TextInput("conditions", "Conditions (optional)", Value("conditions"), multiline: true, required: false, errors),
        ], AdaptiveCard.Execute("requestId", "Confirm approval", ApprovalVerbs.Approve, id, "positive"));

        var decline = AdaptiveCard.ShowCard("Decline", "destructive", [
            new JsonObject
            {
                ["type"] = "Input.ChoiceSet",
                ["id"] = "declineReasonCode",
                ["label"] = "Reason code",
                ["isRequired"] = true,
                ["errorMessage"] = "Choose a reason code.",
                ["style"] = "expanded",
                ["wrap"] = true,
                ["value"] = Value("declineReasonCode"),
                ["choices"] = new JsonArray([.. model.DeclineReasons.Select(r => (JsonNode?)new JsonObject { ["title"] = r.Title, ["value"] = r.Id })]),
            },
            ErrorText("declineReasonCode", errors),
            TextInput("declineReason", "Reason (at least 30 characters; recorded, not shown in the channel)", Value("declineReason"), multiline: true, required: true, errors),
            new JsonObject
            {
                ["type"] = "Input.Toggle",
                ["id"] = "reconsider",
                ["title"] = "Reconsider if new information arrives",
                ["label"] = "Reconsider",
                ["value"] = Value("reconsider") ?? "true",
                ["valueOn"] = "true",
                ["valueOff"] = "false",
            },
        ], AdaptiveCard.Execute("requestId", "Confirm decline", ApprovalVerbs.Decline, id, "destructive"));

        var moreInfo = AdaptiveCard.ShowCard("Ask for more information", null, [
            TextInput("question", "Question for the practitioner", Value("question"), multiline: true, required: true, errors),
        ], AdaptiveCard.Execute("requestId", "Send question", ApprovalVerbs.MoreInfo, id, null));

        var conflict = AdaptiveCard.ShowCard("Declare a conflict", null, [
            TextInput("conflictNote", "Note (optional; e.g. who should decide instead)", Value("conflictNote"), multiline: false, required: false, errors),
        ], AdaptiveCard.Execute("requestId", "Declare conflict", ApprovalVerbs.Conflict, id, null));

        var actions = new JsonArray { approve };
        if (InPart(model, errors, Value) is { } inPart)
        {
            actions.Add(inPart);
        }

        actions.Add(decline);
        actions.Add(moreInfo);
        var others = new JsonArray { conflict };
        if (model.ReassignChoices.Count > 0)
        {
            others.Add(AdaptiveCard.ShowCard("Reassign", null, [
                new JsonObject
                {
                    ["type"] = "Input.ChoiceSet",
                    ["id"] = "reassignTo",
                    ["label"] = "Hand on to (only those who may decide this request)",
                    ["isRequired"] = true,
                    ["errorMessage"] = "Choose who should decide it.",
                    ["style"] = "compact",
                    ["value"] = Value("reassignTo"),
                    ["choices"] = new JsonArray([.. model.ReassignChoices.Select(c => (JsonNode?)new JsonObject { ["title"] = c.Title, ["value"] = c.Id })]),
                },
                TextInput("reassignNote", "Note (optional; recorded, not shown in the channel)", Value("reassignNote"), multiline: false, required: false, errors),
            ], AdaptiveCard.Execute("requestId", "Hand on", ApprovalVerbs.Reassign, id, null)));
        }

        others.Add(AdaptiveCard.Execute("requestId", "Details", ApprovalVerbs.Details, id, null));
        return (actions, others);
    }

    /// <summary>
    /// Approve in part (§7.1): every category and recipient of the request ticked, to untick what may not be shared,
    /// and a short note of what was left out and why (recorded, never shown in the channel). Null when the request's
    /// answers cannot be read.
    /// </summary>
    private static JsonObject? InPart(ApprovalCardModel model, IReadOnlyDictionary<string, string> errors, Func<string, string?> value)
    {
        if (model.InPartCategories.Count == 0)
        {
            return null;
        }

        JsonObject Ticks(string id, string label, IReadOnlyList<ChoiceOption> options) => new()
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = id,
            ["label"] = label,
            ["isMultiSelect"] = true,
            ["style"] = "expanded",
            ["wrap"] = true,
            ["value"] = value(id) ?? string.Join(',', options.Select(o => o.Value)),
            ["choices"] = new JsonArray([.. options.Select(o => (JsonNode?)new JsonObject { ["title"] = o.Title, ["value"] = o.Value })]),
        };

        return AdaptiveCard.ShowCard("Approve in part", "positive", [
            new JsonObject { ["type"] = "TextBlock", ["text"] = "Untick what may not be shared. Sharing what you leave out needs a new request.", ["wrap"] = true, ["isSubtle"] = true },
            Ticks(ApprovalRules.InPartCategories, "Information approved", model.InPartCategories),
            Ticks(ApprovalRules.InPartRecipients, "Recipients approved", model.InPartRecipients),
            TextInput(ApprovalRules.InPartNote, "What was left out, and why (recorded, not shown in the channel)", value(ApprovalRules.InPartNote), multiline: true, required: true, errors),
            new JsonObject
            {
                ["type"] = "Input.Toggle",
                ["id"] = ApprovalRules.InPartNoIdentifiers,
                ["title"] = "The note contains no identifying information",
                ["value"] = value(ApprovalRules.InPartNoIdentifiers) ?? "false",
                ["valueOn"] = "true",
                ["valueOff"] = "false",
            },
        ], AdaptiveCard.Execute("requestId", "Confirm approval in part", ApprovalVerbs.ApproveInPart, model.RequestId.ToString(), "positive"));
    }

    private static JsonObject TextInput(string id, string label, string? value, bool multiline, bool required, IReadOnlyDictionary<string, string> errors)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = id,
            ["label"] = label,
            ["isMultiline"] = multiline,
            ["maxLength"] = ApprovalRules.MaxTextLength,
        };
        if (required)
        {
            input["isRequired"] = true;
            input["errorMessage"] = "This is required.";
        }

        if (value is not null)
        {
            input["value"] = value;
        }

        if (errors.TryGetValue(id, out var error))
        {
            input["errorMessage"] = error;
        }

        return errors.ContainsKey(id)
            ? new JsonObject { ["type"] = "Container", ["items"] = new JsonArray { input, ErrorText(id, errors) } }
            : input;
    }

    private static JsonObject? ErrorText(string id, IReadOnlyDictionary<string, string> errors) =>
        errors.TryGetValue(id, out var error)
            ? new JsonObject { ["type"] = "TextBlock", ["text"] = error, ["color"] = "Attention", ["wrap"] = true, ["spacing"] = "None" }
            : null;

    private static JsonObject Card(JsonArray body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.5",
        ["msteams"] = new JsonObject { ["width"] = "Full" },
        ["body"] = body,
    };
}
