using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tests.Cards;
using InfoSharing.Bot.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Samples;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>
/// A running bot with a registered approvers' channel, a fake clock, and the people of a deployment: a practitioner
/// (1:1 chat), approvers and a deputy (configured Entra ids, members of the approvers' team). Transcript helpers in
/// the style of Bot Builder's TestFlow: send or click, then assert on what the bot sent to the recording connector.
/// </summary>
public sealed class SafeguardingWorld : IAsyncDisposable
{
    public const string PractitionerAad = "aaaaaaaa-0000-0000-0000-000000000001";
    public const string ApproverAad = "aaaaaaaa-0000-0000-0000-000000000002";
    public const string DeputyAad = "aaaaaaaa-0000-0000-0000-000000000005";
    public const string DpoAad = "aaaaaaaa-0000-0000-0000-000000000004";
    public const string PersonalChat = "a:personal-practitioner";
    public const string ChannelId = "19:approvals@thread.tacv2";

    /// <summary>A Tuesday morning in November (GMT): "today" ends at midnight UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly string _directory;
    private int _seen;

    private SafeguardingWorld(RecordingChannel channel, FakeTimeProvider clock, Dictionary<string, string?> settings, string directory)
    {
        Channel = channel;
        Clock = clock;
        Settings = settings;
        _directory = directory;
        Host = new SafeguardingHost(clock, settings);
    }

    public RecordingChannel Channel { get; }
    public FakeTimeProvider Clock { get; }
    public Dictionary<string, string?> Settings { get; }
    public SafeguardingHost Host { get; private set; }

    /// <summary>The 1:1 replies since the last practitioner action.</summary>
    public IReadOnlyList<RecordedCall> Replies { get; private set; } = [];

    public string AllText => string.Join("\n", Replies.Select(r => (r.Text ?? "") + " " + (r.Card?.ToJsonString() ?? "")));

    public JsonObject LastCard => Replies.LastOrDefault(r => r.Card is not null)?.Card
                                  ?? throw new InvalidOperationException("the bot sent no card; replies: " + string.Join(" | ", Replies.Select(r => r.Text ?? "(card)")));

    /// <summary>A bot on a fresh SQLite file (or the given PostgreSQL database), its clock at <see cref="Start"/>.</summary>
    public static async Task<SafeguardingWorld> StartAsync(string? postgres = null, IDictionary<string, string?>? extra = null, FakeTimeProvider? clock = null, RecordingChannel? channel = null, bool register = true)
    {
        if (channel is null)
        {
            channel = new RecordingChannel();
            await channel.StartAsync();
        }

        var directory = Directory.CreateTempSubdirectory("infosharing-sg-").FullName;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:Provider"] = postgres is null ? "Sqlite" : "PostgreSQL",
            ["Storage:SqlitePath"] = Path.Combine(directory, "bot.db"),
            ["Storage:PostgresConnectionString"] = postgres,
            ["Connector:AllowLoopback"] = "true",
            ["Outbox:PollInterval"] = "00:00:00.050",
            ["Outbox:FirstRetryDelay"] = "00:00:00.050",
            ["Safeguarding:Reminders:Enabled"] = "false", // the tests run the scheduler themselves, after moving the clock
            ["Approvals:ApproverAadObjectIds:0"] = ApproverAad,
            ["Approvals:DpoAadObjectIds:0"] = DpoAad,
            ["Approvals:DeputyAadObjectIds:0"] = DeputyAad,
            ["Approvals:UseTeamRoster"] = "false",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        channel.Members["29:approver"] = ApproverAad;
        channel.Members["29:deputy"] = DeputyAad;
        var world = new SafeguardingWorld(channel, clock ?? new FakeTimeProvider(Start), settings, directory);
        if (register)
        {
            var response = await world.Host.PostAsync(Activities.Channel(channel.ServiceUrl, "message", "register approvers", "29:approver", ApproverAad));
            response.EnsureSuccessStatusCode();
            await channel.WaitForAsync(c => c.Text?.Contains("approvers' channel", StringComparison.Ordinal) == true);
        }

        return world;
    }

    /// <summary>Stops this instance and starts a new one on the same database and clock (a deploy, a crash).</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = new SafeguardingHost(Clock, Settings);
        _ = Host.Services; // start it (migrations run; the scheduler and outbox start)
    }

    /// <summary>A second instance on the same database and clock (several instances behind one load balancer).</summary>
    public SafeguardingHost SecondInstance() => new(Clock, Settings);

    // ---- the practitioner --------------------------------------------------------------------------

    public Task<SafeguardingWorld> SendAsync(string text) => PostPersonalAsync(Activities.Personal(Channel.ServiceUrl, text: text, conversationId: PersonalChat));

    /// <summary>Clicks a Submit of the last card (by its data's action) with these inputs, as the Teams client sends it.</summary>
    public Task<SafeguardingWorld> SubmitAsync(IReadOnlyDictionary<string, string> inputs, string action, JsonObject? card = null)
    {
        var value = (JsonObject)FindSubmit(card ?? LastCard, action)["data"]!.DeepClone();
        foreach (var (k, v) in inputs)
        {
            value[k] = v;
        }

        return PostPersonalAsync(Activities.Personal(Channel.ServiceUrl, value: value, conversationId: PersonalChat));
    }

    /// <summary>Answers the dialog's steps from the last card up to (not including) <paramref name="until"/>.</summary>
    public async Task StepsAsync(DialogStep from, DialogStep until, Action<DialogStep, Dictionary<string, string>>? change = null)
    {
        for (var step = from; step < until; step++)
        {
            var values = Sample(step, Clock.GetUtcNow());
            change?.Invoke(step, values);
            await SubmitAsync(values, "submit");
            Assert.DoesNotContain("_error\"", AllText, StringComparison.Ordinal);
        }
    }

    /// <summary>Valid answers that route to an ordinary approver (no DPO, no Prevent lead).</summary>
    public static Dictionary<string, string> Sample(DialogStep step, DateTimeOffset now)
    {
        var values = DialogCardCatalogue.SampleValues(step, now).ToDictionary();
        switch (step)
        {
            case DialogStep.About:
                values[FieldIds.MatterType] = "safeguarding-child";
                break;
            case DialogStep.What:
                values[FieldIds.Categories] = "emotional-mental-health,family-relationships";
                values.Remove(FieldIds.OtherCategoryDetail);
                values[FieldIds.CriminalOffenceContent] = "no";
                break;
            case DialogStep.WithWhom:
                values[FieldIds.RecipientType] = "la-childrens-social-care";
                values[FieldIds.RecipientRole] = "MASH duty team";
                values[FieldIds.AgreementStatus] = "yes";
                break;
            case DialogStep.Why:
                values[FieldIds.Purposes] = "child-protection-referral";
                values[FieldIds.ExpectedOutcome] = "Children's social care can assess the risk and decide on a strategy meeting.";
                values[FieldIds.RiskIfNotShared] = "The risk at home may go unassessed and the child may be harmed.";
                break;
            case DialogStep.LegalBasis:
                values[FieldIds.StatutoryFunction] = "children-act-2004-s11";
                values.Remove(FieldIds.CriminalOffenceCondition);
                break;
            case DialogStep.AdviceAndDeadline:
                values[FieldIds.Deadline] = "within-24-hours";
                values.Remove(FieldIds.DeadlineDate);
                break;
        }

        return values;
    }

    /// <summary>A whole request, from "new request" to submitted; returns its id.</summary>
    public async Task<Guid> SubmitRequestAsync(Action<DialogStep, Dictionary<string, string>>? change = null)
    {
        await SendAsync("new request");
        await StepsAsync(DialogStep.Urgency, DialogStep.Review, change);
        await SubmitAsync(new Dictionary<string, string> { [FieldIds.Declaration] = "true" }, "submit");
        Assert.Contains("Submitted as **ISR-", AllText, StringComparison.Ordinal);
        var id = await QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Kind == RecordKinds.Request).OrderByDescending(r => r.SubmittedAt).Select(r => r.Id).FirstAsync());
        await CardPostedAsync(id);
        return id;
    }

    public async Task<SafeguardingWorld> PostPersonalAsync(JsonObject activity)
    {
        var response = await Host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Replies = TakeNewPersonal();
        foreach (var card in Replies.Select(r => r.Card).OfType<JsonObject>())
        {
            SaveTranscriptCard(card);
        }

        return this;
    }

    /// <summary>Personal-chat messages the bot sent since the last look (replies and proactive notices alike).</summary>
    public IReadOnlyList<RecordedCall> TakeNewPersonal()
    {
        var mine = Channel.Calls.Where(c => c.Method == "POST" && c.Path == $"/v3/conversations/{PersonalChat}/activities").ToList();
        var fresh = mine.Skip(_seen).ToList();
        _seen = mine.Count;
        return fresh;
    }

    /// <summary>Waits for a proactive message to the practitioner whose text or card contains <paramref name="text"/>.</summary>
    public Task<RecordedCall> NoticeToPractitionerAsync(string text) => Channel.WaitForAsync(c =>
        c.Method == "POST" && c.Path == $"/v3/conversations/{PersonalChat}/activities"
        && ((c.Text ?? "") + (c.Card?.ToJsonString() ?? "")).Contains(text, StringComparison.Ordinal));

    // ---- the approvers ------------------------------------------------------------------------------

    /// <summary>Waits until the record's card is posted in the channel; returns (thread, activity id).</summary>
    public async Task<(string Thread, string ActivityId)> CardPostedAsync(Guid id)
    {
        await WaitUntilAsync(async db => (await db.Requests.AsNoTracking().FirstAsync(r => r.Id == id)).ApprovalActivityId is not null);
        var row = await QueryAsync(db => db.Requests.AsNoTracking().FirstAsync(r => r.Id == id));
        return (row.ApprovalConversationId!, row.ApprovalActivityId!);
    }

    /// <summary>An approver's Action.Execute on the record's card; returns the invoke response body.</summary>
    public async Task<JsonObject> ClickAsync(Guid id, string verb, JsonObject? inputs = null, string userId = "29:approver", string aad = ApproverAad, bool automatic = false)
    {
        var (thread, activityId) = await CardPostedAsync(id);
        var data = inputs ?? [];
        data[SafeguardingVerbs.IsKnown(verb) ? "recordId" : "requestId"] = id.ToString();
        var activity = Activities.Invoke(Channel.ServiceUrl, userId, aad, thread, activityId, verb, data);
        if (automatic)
        {
            activity["value"]!["trigger"] = "automatic";
        }

        var response = await Host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (body["value"] is JsonObject card && card["type"]?.GetValue<string>() == "AdaptiveCard")
        {
            SaveTranscriptCard(card);
        }

        return body;
    }

    /// <summary>Messages posted in the record's thread (replies to its card).</summary>
    public IReadOnlyList<RecordedCall> ThreadMessages(string thread) =>
        [.. Channel.Calls.Where(c => c.Method == "POST" && c.Path == $"/v3/conversations/{thread}/activities")];

    // ---- time and the database ----------------------------------------------------------------------

    /// <summary>Moves the clock and runs the scheduler once (as its loop would), then lets the outbox send.</summary>
    public async Task<int> AdvanceAsync(TimeSpan by, SafeguardingHost? host = null)
    {
        // Connector calls time out on this clock: let every send in flight finish before time jumps.
        await OutboxIdleAsync(host);
        Clock.Advance(by);
        var fired = await (host ?? Host).Services.GetRequiredService<ReminderScheduler>().RunOnceAsync(CancellationToken.None);
        await OutboxIdleAsync(host);
        return fired;
    }

    /// <summary>Waits until no outbox row is pending and due (the outbox processor has sent everything it can).</summary>
    public Task OutboxIdleAsync(SafeguardingHost? host = null) => WaitUntilAsync(async db =>
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        return !await db.Outbox.AnyAsync(o => o.Status == "pending" && o.NextAttemptAt <= now);
    }, host);

    public async Task<T> QueryAsync<T>(Func<BotDbContext, Task<T>> query, SafeguardingHost? host = null)
    {
        await using var scope = (host ?? Host).Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    public async Task WaitUntilAsync(Func<BotDbContext, Task<bool>> condition, SafeguardingHost? host = null)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            if (await QueryAsync(condition, host))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("condition not reached");
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Channel.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }

    public static JsonObject FindSubmit(JsonObject card, string action) =>
        card.DescendantObjects().FirstOrDefault(o => o["type"]?.GetValue<string>() == "Action.Submit" && o["data"]?["action"]?.GetValue<string>() == action)
        ?? throw new InvalidOperationException($"no Action.Submit '{action}' on the card: {card.ToJsonString()[..Math.Min(600, card.ToJsonString().Length)]}");

    /// <summary>The text of the TextBlock beside a field (its error, <c>field_error</c>, or warning, <c>field_warning</c>).</summary>
    public static string? Beside(JsonObject card, string fieldId, string suffix = "_error") =>
        card.DescendantObjects().FirstOrDefault(o => o["id"]?.GetValue<string>() == fieldId + suffix)?["text"]?.GetValue<string>();

    private static void SaveTranscriptCard(JsonObject card)
    {
        var folder = Path.Combine(ApprovalCardCatalogueTests.CardsFolder(), "transcripts");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"sg-{Guid.NewGuid():N}.json"), card.ToJsonString());
    }
}
