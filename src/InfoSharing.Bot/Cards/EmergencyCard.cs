using System.Text.Json.Nodes;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Cards;

/// <summary>
/// The emergency path (§5): what to do now, the contacts, and the plain statement that necessary and
/// proportionate information may be shared now without waiting for approval.
/// </summary>
public static class EmergencyCard
{
    public static JsonObject Build(EmergencyTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var body = new JsonArray
        {
            AdaptiveCard.Text(texts.Heading, bold: true, size: "Large", color: "Attention"),
        };
        foreach (var line in texts.ActNow)
        {
            body.Add(AdaptiveCard.Text("• " + line, spacing: "Small"));
        }

        body.Add(AdaptiveCard.FactSet(texts.Contacts.Select(c => (c.Title, c.Value))));
        body.Add(AdaptiveCard.Container(new JsonArray { AdaptiveCard.Text(texts.ShareNow, id: "shareNow", bold: true) }, separator: true, style: "attention"));
        if (!string.IsNullOrWhiteSpace(texts.Afterwards))
        {
            body.Add(AdaptiveCard.Text(texts.Afterwards));
        }

        var actions = new JsonArray
        {
            AdaptiveCard.Submit("Start a normal request", AdaptiveCard.Data(CardData.NewRequest)),
            AdaptiveCard.Submit("Help", AdaptiveCard.Data(CardData.Help)),
        };
        return AdaptiveCard.Card(body, actions);
    }
}
