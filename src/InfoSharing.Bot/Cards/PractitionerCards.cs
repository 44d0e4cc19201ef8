using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Cards;

/// <summary>Cards the practitioner gets about a submitted request (pure).</summary>
public static class PractitionerCards
{
    public const string AnswerMoreInfoAction = "answerMoreInfo";
    public const int MinAnswerLength = 10;

    /// <summary>The toggle by which the practitioner confirms that an answer the bot flagged identifies no one.</summary>
    public const string NoIdentifiersConfirmed = "answerNoIdentifiers";

    /// <summary>An approver's question, with a box to answer it; the answer returns the request to the approvers.</summary>
    /// <param name="offerConfirmation">The answer was flagged as likely identifying someone: offer the "it does not" toggle.</param>
    public static JsonObject MoreInformation(Guid requestId, string reference, string askedBy, string question, string? answer, string? error, bool offerConfirmation = false)
    {
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = $"More information needed for {reference}", ["size"] = "Medium", ["weight"] = "Bolder", ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = $"{askedBy} asks:", ["isSubtle"] = true, ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = question, ["wrap"] = true },
            new JsonObject
            {
                ["type"] = "Input.Text",
                ["id"] = "answer",
                ["label"] = "Your answer (no names or other identifying details)",
                ["isMultiline"] = true,
                ["isRequired"] = true,
                ["errorMessage"] = error ?? $"Write at least {MinAnswerLength} characters.",
                ["maxLength"] = 2000,
                ["value"] = answer,
            },
        };
        if (error is not null)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = error, ["color"] = "Attention", ["wrap"] = true, ["spacing"] = "None" });
        }

        if (offerConfirmation)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Input.Toggle",
                ["id"] = NoIdentifiersConfirmed,
                ["title"] = "I have checked: it contains no identifying information",
                ["valueOn"] = "true",
                ["valueOff"] = "false",
            });
        }

        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
            ["actions"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "Action.Submit",
                    ["title"] = "Send answer",
                    ["data"] = new JsonObject { ["action"] = AnswerMoreInfoAction, ["requestId"] = requestId.ToString() },
                },
            },
        };
    }
}
