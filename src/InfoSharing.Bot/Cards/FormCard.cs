using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Cards;

/// <summary>Renders a <see cref="FormCardModel"/> as an Adaptive Card: one input per field, its error and identifier warning right under it. The one renderer of every form: the dialog's steps and the safeguarding forms.</summary>
public static class FormCard
{
    public const string ConfirmNoIdentifierTitle = "I confirm this contains no identifying information";

    public static JsonObject Build(FormCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = new JsonArray { AdaptiveCard.Heading(model.Title) };
        if (!string.IsNullOrWhiteSpace(model.Intro))
        {
            body.Add(AdaptiveCard.Text(model.Intro, subtle: true));
        }

        foreach (var notice in model.Notices)
        {
            body.Add(AdaptiveCard.Text(notice, color: "Accent"));
        }

        foreach (var alert in model.Alerts)
        {
            body.Add(AdaptiveCard.Text(alert, color: "Attention", bold: true));
        }

        foreach (var field in model.Fields)
        {
            model.Values.TryGetValue(field.Id, out var value);
            body.Add(Input(field, value));
            if (model.Errors.TryGetValue(field.Id, out var error))
            {
                body.Add(AdaptiveCard.Text(error, id: field.Id + CardData.ErrorSuffix, color: "Attention", size: "Small", spacing: "None"));
            }

            if (model.IdentifierWarnings.TryGetValue(field.Id, out var warning))
            {
                var confirmId = field.Id + CardData.NoIdentifierConfirmSuffix;
                model.Values.TryGetValue(confirmId, out var confirmed);
                body.Add(AdaptiveCard.Text(warning, id: field.Id + CardData.WarningSuffix, color: "Warning", size: "Small", spacing: "None"));
                body.Add(Toggle(confirmId, "No identifying information", ConfirmNoIdentifierTitle, confirmed));
            }

            if (!string.IsNullOrWhiteSpace(field.Hint))
            {
                body.Add(AdaptiveCard.Text(field.Hint, subtle: true, size: "Small", spacing: "None"));
            }
        }

        var actions = new JsonArray();
        foreach (var action in model.Actions)
        {
            actions.Add(AdaptiveCard.Submit(action.Title, action.Data.DeepClone().AsObject(), action.Style, action.SendsInputs));
        }

        return AdaptiveCard.Card(body, actions);
    }

    /// <summary>A dialog step's buttons: Continue (or the given title), Back unless it is the first step, Help and Cancel request.</summary>
    public static IReadOnlyList<FormAction> StepActions(CardActionContext context, string submitTitle, bool showBack)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actions = new List<FormAction> { new(submitTitle, AdaptiveCard.Data(CardData.Submit, context), Style: "positive") };
        if (showBack)
        {
            actions.Add(new("Back", AdaptiveCard.Data(CardData.Back, context), SendsInputs: false));
        }

        actions.Add(new("Help", AdaptiveCard.Data(CardData.Help, context), SendsInputs: false));
        actions.Add(new("Cancel request", AdaptiveCard.Data(CardData.Cancel, context), Style: "destructive", SendsInputs: false));
        return actions;
    }

    private static JsonObject Input(FormField field, string? value) => field.Kind switch
    {
        FieldKind.SingleChoice => ChoiceSet(field, value, multi: false, expanded: field.Expanded),
        FieldKind.MultiChoice => ChoiceSet(field, value, multi: true, expanded: true),
        FieldKind.YesNo => ChoiceSet(field with { Options = [new("yes", "Yes"), new("no", "No")] }, value, multi: false, expanded: true),
        FieldKind.Text => TextInput(field, value, multiline: false),
        FieldKind.MultilineText => TextInput(field, value, multiline: true),
        FieldKind.Date => DateInput(field, value),
        FieldKind.Time => TimeInput(field, value),
        FieldKind.Toggle => Toggle(field.Id, field.Label, field.ToggleTitle ?? field.Label, value, field.Required, field.ErrorMessage),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "Unknown field kind."),
    };

    private static JsonObject Common(string type, FormField field)
    {
        var input = new JsonObject
        {
            ["type"] = type,
            ["id"] = field.Id,
            ["label"] = field.Label,
        };
        if (field.Required)
        {
            input["isRequired"] = true;
            input["errorMessage"] = field.ErrorMessage ?? "This answer is required.";
        }

        return input;
    }

    private static JsonObject ChoiceSet(FormField field, string? value, bool multi, bool expanded)
    {
        var input = Common("Input.ChoiceSet", field);
        var choices = new JsonArray();
        foreach (var option in field.Options)
        {
            choices.Add(new JsonObject { ["title"] = option.Title, ["value"] = option.Value });
        }

        input["choices"] = choices;
        if (multi)
        {
            input["isMultiSelect"] = true;
        }

        input["style"] = expanded ? "expanded" : "compact";
        input["wrap"] = true;
        if (!expanded && !string.IsNullOrEmpty(field.Placeholder))
        {
            input["placeholder"] = field.Placeholder;
        }

        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = value;
        }

        return input;
    }

    private static JsonObject TextInput(FormField field, string? value, bool multiline)
    {
        var input = Common("Input.Text", field);
        if (multiline)
        {
            input["isMultiline"] = true;
        }

        if (field.MaxLength is { } max)
        {
            input["maxLength"] = max;
        }

        if (!string.IsNullOrEmpty(field.Placeholder))
        {
            input["placeholder"] = field.Placeholder;
        }

        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = value;
        }

        return input;
    }

    private static JsonObject DateInput(FormField field, string? value)
    {
        var input = Common("Input.Date", field);
        if (value is not null && DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            input["value"] = value;
        }

        return input;
    }

    private static JsonObject TimeInput(FormField field, string? value)
    {
        var input = Common("Input.Time", field);
        if (value is not null && TimeOnly.TryParseExact(value, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            input["value"] = value;
        }

        return input;
    }

    private static JsonObject Toggle(string id, string label, string title, string? value, bool required = false, string? errorMessage = null)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Toggle",
            ["id"] = id,
            ["label"] = label,
            ["title"] = title,
            ["valueOn"] = "true",
            ["valueOff"] = "false",
            ["value"] = string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) ? "true" : "false",
            ["wrap"] = true,
        };
        if (required)
        {
            input["isRequired"] = true;
            input["errorMessage"] = errorMessage ?? "Tick this box to continue.";
        }

        return input;
    }
}
