using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Tests.Cards;
using InfoSharing.Bot.Tests.Hosting;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Samples;

namespace InfoSharing.Bot.Tests.Routing;

/// <summary>
/// A transcript harness in the style of Bot Builder's TestFlow, over the real turn pipeline: send a message or
/// fill the last card like a Teams client would (the action's data merged with the inputs), then assert on the
/// replies the bot posted to the recording connector.
/// </summary>
public sealed class PractitionerChat(BotHost host, RecordingChannel channel, string conversationId = "a:personal-practitioner")
{
    private int _seen;

    public string ConversationPath => $"/v3/conversations/{conversationId}/activities";

    /// <summary>Replies the bot sent to this chat since the last Send/Submit.</summary>
    public IReadOnlyList<RecordedCall> Replies { get; private set; } = [];

    public JsonObject LastCard => Replies.LastOrDefault(r => r.Card is not null)?.Card
                                  ?? throw new InvalidOperationException("the bot sent no card; replies: " + Describe());

    public string AllText => string.Join("\n", Replies.Select(r => r.Text ?? r.Card?.ToJsonString()));

    public Task<PractitionerChat> SendAsync(string text) => PostAsync(Activities.Personal(channel.ServiceUrl, text: text, conversationId: conversationId));

    /// <summary>Clicks the card's primary Submit with these inputs, as the Teams client sends it.</summary>
    public Task<PractitionerChat> SubmitAsync(IReadOnlyDictionary<string, string> inputs, string action = "submit")
    {
        var value = (JsonObject)FindAction(LastCard, action)["data"]!.DeepClone();
        foreach (var (k, v) in inputs)
        {
            value[k] = v;
        }

        return PostAsync(Activities.Personal(channel.ServiceUrl, value: value, conversationId: conversationId));
    }

    public Task<PractitionerChat> SubmitStepAsync(DialogStep step, Action<Dictionary<string, string>>? change = null)
    {
        var values = DialogCardCatalogue.SampleValues(step, DateTimeOffset.UtcNow).ToDictionary();
        change?.Invoke(values);
        return SubmitAsync(values);
    }

    public async Task<PractitionerChat> PostAsync(JsonObject activity)
    {
        var response = await host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mine = channel.Calls.Where(c => c.Path == ConversationPath).ToList();
        Replies = mine.Skip(_seen).ToList();
        _seen = mine.Count;
        foreach (var card in Replies.Select(r => r.Card).OfType<JsonObject>())
        {
            File.WriteAllText(Path.Combine(TranscriptFolder(), $"{Guid.NewGuid():N}.json"), card.ToJsonString());
        }

        return this;
    }

    /// <summary>The card's field error / warning shown next to an input (ids <c>field_error</c>, <c>field_warning</c>).</summary>
    public string? Beside(string fieldId, string suffix = "_error") =>
        LastCard.DescendantObjects().FirstOrDefault(o => o["id"]?.GetValue<string>() == fieldId + suffix)?["text"]?.GetValue<string>();

    private static JsonObject FindAction(JsonObject card, string action) =>
        card.DescendantObjects().FirstOrDefault(o => o["type"]?.GetValue<string>() == "Action.Submit"
                                                     && o["data"]?["action"]?.GetValue<string>() == action)
        ?? throw new InvalidOperationException($"no Action.Submit with action '{action}' on the card: {card.ToJsonString()[..Math.Min(400, card.ToJsonString().Length)]}");

    private string Describe() => string.Join(" | ", Replies.Select(r => r.Text ?? "(card)"));

    private static string TranscriptFolder()
    {
        var folder = Path.Combine(ApprovalCardCatalogueTests.CardsFolder(), "transcripts");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
