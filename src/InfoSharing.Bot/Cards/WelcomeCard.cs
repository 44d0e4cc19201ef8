using System.Globalization;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Cards;

/// <summary>What the bot does, the golden rules in one line each, and New request / My requests / Help.</summary>
public static class WelcomeCard
{
    public static JsonObject Build(PolicyTexts texts, string? heading = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var body = new JsonArray
        {
            AdaptiveCard.Heading(heading ?? "Information sharing decisions"),
            AdaptiveCard.Text(texts.Welcome),
            AdaptiveCard.Text("The golden rules", bold: true),
        };
        for (var i = 0; i < texts.GoldenRules.Count; i++)
        {
            body.Add(AdaptiveCard.Text(string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {texts.GoldenRules[i]}"), spacing: "Small"));
        }

        if (!string.IsNullOrWhiteSpace(texts.CommandsHelp))
        {
            body.Add(AdaptiveCard.Text(texts.CommandsHelp, subtle: true, size: "Small"));
        }

        var actions = new JsonArray
        {
            AdaptiveCard.Submit("New request", AdaptiveCard.Data(CardData.NewRequest), style: "positive"),
            AdaptiveCard.Submit("My requests", AdaptiveCard.Data(CardData.MyRequests)),
            AdaptiveCard.Submit("Help", AdaptiveCard.Data(CardData.Help)),
        };
        return AdaptiveCard.Card(body, actions);
    }
}
