using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Samples;

namespace InfoSharing.Bot.Bench;

/// <summary>
/// One simulated practitioner in a 1:1 chat: "new request", then each step's card filled as the Teams client does (the
/// primary Action.Submit's data merged with the inputs, answers from <see cref="DialogCardCatalogue.SampleValues"/>), then
/// the review with the declaration, and again. A turn's latency runs from sending the activity to the arrival of its last reply.
/// </summary>
public sealed class Practitioner(int index, BotClient bot, LoopbackChannel channel, LoadRun run, LoadShape shape)
{
    private readonly string _userId = $"29:bench-practitioner-{index}";
    private readonly string _aad = $"bbbbbbbb-0000-0000-0000-{index:D12}";
    private readonly string _conversationId = $"a:bench-chat-{index}";
    private readonly string _name = $"Practitioner {index}";
    private long _activity;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(shape.FirstDelayMs(), cancellationToken); // spread the first turns over one pause

        while (!run.Stopping && run.TryStartRequest())
        {
            await OneRequestAsync(cancellationToken);
        }
    }

    private async Task OneRequestAsync(CancellationToken cancellationToken)
    {
        var replies = await TurnAsync("new request", null, cancellationToken);
        for (var step = DialogStep.Urgency; step <= DialogStep.Review; step++)
        {
            if (replies is null)
            {
                return;
            }

            var card = LastCard(replies);
            if (card is null)
            {
                run.Error($"step {(int)step}: no card to fill");
                return;
            }

            if (card.ToJsonString().Contains("_error\"", StringComparison.Ordinal))
            {
                run.Error($"step {(int)step}: the bot refused the answers");
                await TurnAsync("cancel", null, cancellationToken);
                return;
            }

            var values = step == DialogStep.Review
                ? new Dictionary<string, string> { [FieldIds.Declaration] = "true" }
                : DialogCardCatalogue.SampleValues(step, DateTimeOffset.UtcNow);
            var data = PrimarySubmitData(card);
            if (data is null)
            {
                run.Error($"step {(int)step}: the card has no Submit action");
                return;
            }

            foreach (var (key, value) in values)
            {
                data[key] = value;
            }

            replies = await TurnAsync(null, data, cancellationToken);
        }

        if (replies is not null)
        {
            if (replies.Any(r => Text(r)?.Contains("Submitted as **", StringComparison.Ordinal) == true))
            {
                Interlocked.Increment(ref run.RequestsSubmitted);
            }
            else
            {
                run.Error("review: no 'Submitted as' reply");
            }
        }
    }

    /// <summary>Sends one activity; returns its replies (parsed), or null after an error.</summary>
    private async Task<List<JsonObject>?> TurnAsync(string? text, JsonObject? value, CancellationToken cancellationToken)
    {
        if (shape.NextPauseMs() is var pause and > 0)
        {
            await Task.Delay(pause, cancellationToken);
        }

        if (run.Stopping)
        {
            return null; // seconds mode: the time is up, the draft is left as a practitioner would leave it
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"{index}-{++_activity}");
        var activity = Activities.Personal(channel.ServiceUrl, id, _userId, _aad, _name, _conversationId, text, value);
        var expected = channel.Expect(id);
        var started = run.Sending();
        try
        {
            var (status, _) = await bot.PostAsync(activity, cancellationToken);
            var (bodies, lastAt) = expected.Snapshot();
            if (status != HttpStatusCode.OK)
            {
                run.Error($"message answered HTTP {(int)status}");
                return null;
            }

            if (bodies.Count == 0)
            {
                run.Error("a turn got no reply");
                return null;
            }

            run.Turn(started, lastAt);
            return [.. bodies.Select(b => (JsonObject)JsonNode.Parse(b)!)];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            run.Error($"message failed: {ex.GetType().Name}");
            return null;
        }
        finally
        {
            run.Answered();
            channel.Forget(id);
        }
    }

    private static JsonObject? LastCard(List<JsonObject> replies) =>
        replies.Select(r => r["attachments"]?[0]?["content"] as JsonObject).LastOrDefault(c => c is not null);

    private static string? Text(JsonObject reply) => reply["text"]?.GetValue<string>();

    /// <summary>The data of the card's primary Action.Submit (action "submit", else the first action with data), cloned.</summary>
    private static JsonObject? PrimarySubmitData(JsonObject card)
    {
        if (card["actions"] is not JsonArray actions)
        {
            return null;
        }

        var submits = actions.OfType<JsonObject>().Where(a => a["type"]?.GetValue<string>() == "Action.Submit" && a["data"] is JsonObject).ToList();
        var primary = submits.FirstOrDefault(a => a["data"]?[CardData.Action]?.GetValue<string>() == CardData.Submit) ?? submits.FirstOrDefault();
        return primary?["data"]?.DeepClone() as JsonObject;
    }
}
