using System.Text.Json.Nodes;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Cards;

/// <summary>
/// The approvers' cards of the safeguarding paths, as pure functions: the retrospective review of emergency sharing
/// (Acknowledge / Raise a concern, never Approve / Decline) and the anonymised advice card (read, then answer with a
/// suggested outcome). As on the approval card, the shared card carries no free text; the detail view (user-specific
/// or on demand, audited) does. Buttons are Action.Execute with an Action.Submit fallback carrying <c>verb</c>.
/// </summary>
public static class RecordCards
{
    /// <summary>The card everyone in the channel sees.</summary>
    public static JsonObject Channel(RecordCardModel model, IReadOnlyDictionary<string, string>? errors = null, JsonObject? inputs = null, string? banner = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = Header(model, banner);
        body.Add(AdaptiveCard.FactSet(model.Facts));
        AddHistory(body, model);
        var card = Card(body);
        var id = model.RecordId.ToString();
        var actions = new JsonArray();
        if (model.Kind == RecordKinds.Emergency)
        {
            if (model.AwaitingApprovers)
            {
                errors ??= new Dictionary<string, string>();
                inputs ??= [];
                actions.Add(AdaptiveCard.ShowCard("Acknowledge", "positive", [
                    TextInput(SafeguardingFieldIds.ReviewNote, "Note (optional)", Value(inputs, SafeguardingFieldIds.ReviewNote), required: false, errors),
                ], AdaptiveCard.Execute(SafeguardingCards.RecordIdKey, "Confirm acknowledgement", SafeguardingVerbs.Acknowledge, id, "positive")));
                actions.Add(AdaptiveCard.ShowCard("Raise a concern", "destructive", [
                    TextInput(SafeguardingFieldIds.ReviewConcern, "Your concern (sent to the practitioner and recorded; not shown in the channel)", Value(inputs, SafeguardingFieldIds.ReviewConcern), required: true, errors),
                ], AdaptiveCard.Execute(SafeguardingCards.RecordIdKey, "Send concern", SafeguardingVerbs.RaiseConcern, id, "destructive")));
            }

            actions.Add(AdaptiveCard.Execute(SafeguardingCards.RecordIdKey, "Details", SafeguardingVerbs.ReviewDetails, id, null));
        }
        else
        {
            actions.Add(AdaptiveCard.Execute(SafeguardingCards.RecordIdKey, model.AwaitingApprovers ? "Read and answer" : "Read the advice", SafeguardingVerbs.AdviceOpen, id, model.AwaitingApprovers ? "positive" : null));
        }

        card["actions"] = actions;
        if (model.RefreshUserIds.Count > 0)
        {
            card["refresh"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute",
                    ["title"] = "Show details",
                    ["verb"] = SafeguardingVerbs.Refresh,
                    ["data"] = new JsonObject { [SafeguardingCards.RecordIdKey] = id },
                },
                ["userIds"] = new JsonArray([.. model.RefreshUserIds.Take(60).Select(u => (JsonNode?)JsonValue.Create(u))]),
            };
        }

        return card;
    }

    /// <summary>
    /// An approver's own view: the shared card plus the free text. For an advice card still awaiting an answer it
    /// holds the answer form (values and errors kept after a refused answer).
    /// </summary>
    public static JsonObject Detail(RecordCardModel model, ApprovalDetail detail, PolicyDocument policy, IReadOnlyDictionary<string, string>? errors = null, JsonObject? inputs = null, string? banner = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(policy);
        var card = Channel(model with { RefreshUserIds = [] }, errors, inputs, banner ?? "Full details: visible only to you, and recorded in the audit trail.");
        var body = (JsonArray)card["body"]!;
        foreach (var section in detail.Sections)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = section.Title, ["weight"] = "Bolder", ["separator"] = true, ["wrap"] = true });
            body.Add(AdaptiveCard.FactSet(section.Items.Select(i => (i.Label, i.Value))));
        }

        if (model.Kind == RecordKinds.Advice && model.AwaitingApprovers)
        {
            errors ??= new Dictionary<string, string>();
            inputs ??= [];
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = "Your answer", ["weight"] = "Bolder", ["separator"] = true, ["wrap"] = true });
            body.Add(TextInput(SafeguardingFieldIds.AdviceAnswer, "Advice for the practitioner (sent to them and recorded)", Value(inputs, SafeguardingFieldIds.AdviceAnswer), required: true, errors, maxLength: SafeguardingFieldIds.AdviceAnswerMaxLength));
            var choice = new JsonObject
            {
                ["type"] = "Input.ChoiceSet",
                ["id"] = SafeguardingFieldIds.AdviceSuggestedOutcome,
                ["label"] = "Suggested outcome",
                ["isRequired"] = true,
                ["errorMessage"] = "Choose a suggested outcome.",
                ["style"] = "expanded",
                ["choices"] = new JsonArray([.. policy.Safeguarding.AdviceOutcomes.Select(o => (JsonNode?)new JsonObject { ["title"] = o.Title, ["value"] = o.Id })]),
            };
            if (Value(inputs, SafeguardingFieldIds.AdviceSuggestedOutcome) is { } chosen)
            {
                choice["value"] = chosen;
            }

            body.Add(choice);
            if (ErrorText(SafeguardingFieldIds.AdviceSuggestedOutcome, errors) is { } error)
            {
                body.Add(error);
            }

            card["actions"] = new JsonArray { AdaptiveCard.Execute(SafeguardingCards.RecordIdKey, "Send advice", SafeguardingVerbs.AdviceAnswer, model.RecordId.ToString(), "positive") };
        }
        else if (model.Kind == RecordKinds.Advice)
        {
            card.Remove("actions");
        }

        return card;
    }

    private static JsonArray Header(RecordCardModel model, string? banner)
    {
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = model.Title, ["size"] = "Medium", ["weight"] = "Bolder", ["wrap"] = true },
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["id"] = "status",
                ["text"] = model.StatusLine,
                ["color"] = model.Status switch
                {
                    SafeguardingStatus.Acknowledged or SafeguardingStatus.AdviceGiven => "Good",
                    SafeguardingStatus.ConcernRaised => "Attention",
                    _ => "Accent",
                },
                ["weight"] = "Bolder",
                ["wrap"] = true,
            },
        };
        if (model.Intro is not null)
        {
            body.Add(AdaptiveCard.Text(model.Intro, subtle: true));
        }

        if (banner is not null)
        {
            body.Add(AdaptiveCard.Text(banner, subtle: true));
        }

        if (model.DeliveryProblem is not null)
        {
            body.Add(AdaptiveCard.Text($"⚠ {model.DeliveryProblem}", color: "Warning"));
        }

        foreach (var warning in model.Warnings)
        {
            body.Add(AdaptiveCard.Text($"⚠ {warning}", color: "Warning", spacing: "Small"));
        }

        return body;
    }

    private static void AddHistory(JsonArray body, RecordCardModel model)
    {
        if (model.History.Count == 0)
        {
            return;
        }

        body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = "History", ["weight"] = "Bolder", ["separator"] = true, ["wrap"] = true });
        foreach (var h in model.History)
        {
            body.Add(AdaptiveCard.Text($"{ApprovalCards.FormatUk(h.AtUtc)}: {h.ActorName}: {h.Action}", subtle: true, spacing: "None"));
        }
    }

    private static JsonObject TextInput(string id, string label, string? value, bool required, IReadOnlyDictionary<string, string> errors, int maxLength = ApprovalRules.MaxTextLength)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = id,
            ["label"] = label,
            ["isMultiline"] = true,
            ["maxLength"] = maxLength,
        };
        if (required)
        {
            input["isRequired"] = true;
            input["errorMessage"] = errors.TryGetValue(id, out var message) ? message : "This is required.";
        }

        if (value is not null)
        {
            input["value"] = value;
        }

        return ErrorText(id, errors) is { } error
            ? new JsonObject { ["type"] = "Container", ["items"] = new JsonArray { input, error } }
            : input;
    }

    private static JsonObject? ErrorText(string id, IReadOnlyDictionary<string, string> errors) =>
        errors.TryGetValue(id, out var error)
            ? new JsonObject { ["type"] = "TextBlock", ["id"] = id + CardData.ErrorSuffix, ["text"] = error, ["color"] = "Attention", ["wrap"] = true, ["spacing"] = "None" }
            : null;

    private static string? Value(JsonObject inputs, string name) =>
        inputs.TryGetPropertyValue(name, out var v) && v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject Card(JsonArray body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = AdaptiveCard.Schema,
        ["version"] = AdaptiveCard.Version,
        ["msteams"] = new JsonObject { ["width"] = "Full" },
        ["body"] = body,
    };
}
