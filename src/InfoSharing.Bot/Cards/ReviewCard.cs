using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Cards;

/// <summary>Step 9: every answer by section with an Edit button per section, the declaration and Submit.</summary>
public static class ReviewCard
{
    public const string DeclarationId = "declaration";

    public static JsonObject Build(ReviewCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = new JsonArray { AdaptiveCard.Heading(model.Title) };
        if (!string.IsNullOrWhiteSpace(model.Intro))
        {
            body.Add(AdaptiveCard.Text(model.Intro, subtle: true));
        }

        foreach (var alert in model.Alerts)
        {
            body.Add(AdaptiveCard.Text(alert, color: "Attention", bold: true));
        }

        foreach (var section in model.Sections)
        {
            var items = new JsonArray { AdaptiveCard.Text(section.Title, bold: true) };
            if (section.Error is not null)
            {
                items.Add(AdaptiveCard.Text(section.Error, id: $"section{section.Step}{CardData.ErrorSuffix}", color: "Attention", size: "Small"));
            }

            items.Add(AdaptiveCard.FactSet(section.Facts.Select(f => (f.Title, f.Value))));
            var data = AdaptiveCard.Data(CardData.Edit, model.Context);
            data[CardData.Section] = section.Step;
            items.Add(AdaptiveCard.ActionSet(AdaptiveCard.Submit($"Edit: {section.Title}", data, sendsInputs: false)));
            body.Add(AdaptiveCard.Container(items, separator: true, id: $"section{section.Step}"));
        }

        if (model.Notices.Count > 0 || model.Warnings.Count > 0)
        {
            var items = new JsonArray();
            foreach (var notice in model.Notices)
            {
                items.Add(AdaptiveCard.Text(notice, color: "Accent"));
            }

            foreach (var warning in model.Warnings)
            {
                items.Add(AdaptiveCard.Text("Warning: " + warning, color: "Warning"));
            }

            body.Add(AdaptiveCard.Container(items, separator: true, style: "emphasis"));
        }

        body.Add(new JsonObject
        {
            ["type"] = "Input.Toggle",
            ["id"] = DeclarationId,
            ["label"] = "Declaration",
            ["title"] = model.DeclarationText,
            ["valueOn"] = "true",
            ["valueOff"] = "false",
            ["value"] = model.DeclarationTicked ? "true" : "false",
            ["wrap"] = true,
            ["isRequired"] = true,
            ["errorMessage"] = "Tick the declaration to submit.",
            ["separator"] = true,
        });
        if (model.DeclarationError is not null)
        {
            body.Add(AdaptiveCard.Text(model.DeclarationError, id: DeclarationId + CardData.ErrorSuffix, color: "Attention", size: "Small", spacing: "None"));
        }

        var actions = new JsonArray
        {
            AdaptiveCard.Submit("Submit for approval", AdaptiveCard.Data(CardData.Submit, model.Context), style: "positive"),
            AdaptiveCard.Submit("Back", AdaptiveCard.Data(CardData.Back, model.Context), sendsInputs: false),
            AdaptiveCard.Submit("Help", AdaptiveCard.Data(CardData.Help, model.Context), sendsInputs: false),
            AdaptiveCard.Submit("Cancel request", AdaptiveCard.Data(CardData.Cancel, model.Context), style: "destructive", sendsInputs: false),
        };
        return AdaptiveCard.Card(body, actions);
    }
}
