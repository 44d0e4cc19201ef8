using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Tests.Cards;
using InfoSharing.Bot.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Samples;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>
/// A practitioner's and the approvers' journey over the real pipeline, one fake-clock minute per step: register the
/// approvers' channel, start and fill a draft, submit, then the approvers view, refuse, declare a conflict, ask for
/// more information, the practitioner answers, and the Prevent lead and the DPO approve.
/// </summary>
public sealed class RecordsJourney : IAsyncDisposable
{
    public const string PractitionerAad = "aaaaaaaa-0000-0000-0000-000000000001";
    public const string ApproverAad = "aaaaaaaa-0000-0000-0000-000000000002";
    public const string SecondApproverAad = "aaaaaaaa-0000-0000-0000-000000000003";
    public const string DpoAad = "aaaaaaaa-0000-0000-0000-000000000004";
    public const string PreventLeadAad = "aaaaaaaa-0000-0000-0000-000000000005";
    public const string OutsiderAad = "aaaaaaaa-0000-0000-0000-000000000009";
    public const string Conversation = "a:personal-practitioner";

    /// <summary>The audit actions of <see cref="RunAsync"/>, in order (each state transition exactly once).</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        "approvers-registered",
        "draft-created",
        "draft-edited", "draft-edited", "draft-edited", "draft-edited", "draft-edited", "draft-edited", "draft-edited", "draft-edited", "draft-edited",
        "submitted",
        "detail-view-opened",
        "refused-action",
        "conflict",
        "moreInfo",
        "more-info-answered",
        "approve-partial",
        "approve",
    ];

    private int _seen;

    private RecordsJourney(RecordsHost host, RecordingChannel channel)
    {
        Host = host;
        Channel = channel;
    }

    public RecordsHost Host { get; }
    public RecordingChannel Channel { get; }
    public Guid RequestId { get; private set; }
    public string Reference { get; private set; } = "";
    public string ThreadId { get; private set; } = "";
    public string CardActivityId { get; private set; } = "";

    /// <summary>Approvers as a deployment would configure them.</summary>
    public static Dictionary<string, string?> ApproverSettings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Approvals:ApproverAadObjectIds:0"] = ApproverAad,
            ["Approvals:ApproverAadObjectIds:1"] = SecondApproverAad,
            ["Approvals:DpoAadObjectIds:0"] = DpoAad,
            ["Approvals:PreventLeadAadObjectIds:0"] = PreventLeadAad,
        };
        foreach (var (k, v) in more ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        return settings;
    }

    public static async Task<RecordsJourney> StartAsync(RecordsDatabase database, IDictionary<string, string?>? settings = null, string environment = "Development")
    {
        var channel = new RecordingChannel();
        await channel.StartAsync();
        var journey = new RecordsJourney(new RecordsHost(database, ApproverSettings(settings), environment), channel);
        await journey.RegisterApproversAsync();
        return journey;
    }

    /// <summary>The whole journey; afterwards the request is approved and the outbox is idle.</summary>
    public async Task RunAsync()
    {
        await FillDraftAsync();
        await SubmitDraftAsync();
        await ClickAsync("29:approver-a", ApproverAad, "Arnold Approver", "details");
        await ClickAsync("29:outsider", OutsiderAad, "Olly Outsider", "approve");
        await ClickAsync("29:approver-b", SecondApproverAad, "Beth Approver", "conflict", new JsonObject { ["conflictNote"] = "I taught the young person last year." });
        await ClickAsync("29:approver-a", ApproverAad, "Arnold Approver", "moreInfo", new JsonObject { ["question"] = "Which agency asked for this, and is there a referral number?" });
        await AnswerAsync("The Prevent coordinator asked; their referral number is PR-2026-77.");
        await ClickAsync("29:prevent", PreventLeadAad, "Pat Prevent", "approve");
        await ClickAsync("29:dpo", DpoAad, "Dana Dpo", "approve", new JsonObject { ["conditions"] = "Share by secure email only; remove the informant's details." });
        await WaitForOutboxAsync();
    }

    public async Task RegisterApproversAsync()
    {
        await TickAsync();
        var response = await Host.PostActivityAsync(Activities.Channel(Channel.ServiceUrl, "message", "register approvers", "29:approver-a", ApproverAad));
        response.EnsureSuccessStatusCode();
        await Channel.WaitForAsync(c => c.Text?.Contains("approvers' channel", StringComparison.Ordinal) == true);
    }

    /// <summary>`new request`, then steps 0 to 8 with the catalogue's sample answers (dates relative to the fake clock).</summary>
    public async Task FillDraftAsync()
    {
        await SendAsync("new request");
        for (var step = DialogStep.Urgency; step < DialogStep.Review; step++)
        {
            await SubmitCardAsync(DialogCardCatalogue.SampleValues(step, Host.Clock.GetUtcNow()));
        }
    }

    public async Task SubmitDraftAsync()
    {
        await SubmitCardAsync(new Dictionary<string, string> { [FieldIds.Declaration] = "true" });
        await Host.WaitUntilAsync(async db => await db.Requests.AnyAsync(r => r.ApprovalActivityId != null), "approval card posted");
        var row = await Host.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync());
        RequestId = row.Id;
        Reference = row.Reference;
        ThreadId = row.ApprovalConversationId!;
        CardActivityId = row.ApprovalActivityId!;
    }

    public async Task SendAsync(string text)
    {
        await TickAsync();
        var response = await Host.PostActivityAsync(Activities.Personal(Channel.ServiceUrl, text: text, aad: PractitionerAad, conversationId: Conversation));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Clicks the last card's Submit with these inputs, as the Teams client sends it.</summary>
    public async Task SubmitCardAsync(IReadOnlyDictionary<string, string> inputs, string action = "submit")
    {
        var value = (JsonObject)SubmitAction(LastCard(), action)["data"]!.DeepClone();
        foreach (var (k, v) in inputs)
        {
            value[k] = v;
        }

        await TickAsync();
        var response = await Host.PostActivityAsync(Activities.Personal(Channel.ServiceUrl, value: value, aad: PractitionerAad, conversationId: Conversation));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task ClickAsync(string userId, string aad, string name, string verb, JsonObject? inputs = null)
    {
        var data = inputs ?? [];
        data["requestId"] = RequestId.ToString();
        await TickAsync();
        var response = await Host.PostActivityAsync(new JsonObject
        {
            ["type"] = "invoke",
            ["name"] = "adaptiveCard/action",
            ["id"] = Guid.NewGuid().ToString(),
            ["serviceUrl"] = Channel.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = name, ["aadObjectId"] = aad },
            ["recipient"] = new JsonObject { ["id"] = "28:infosharing-bot", ["name"] = "InfoSharing Bot" },
            ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = "tenant-1", ["id"] = ThreadId },
            ["replyToId"] = CardActivityId,
            ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task AnswerAsync(string answer)
    {
        await TickAsync();
        var value = new JsonObject { ["action"] = PractitionerCards.AnswerMoreInfoAction, ["requestId"] = RequestId.ToString(), ["answer"] = answer };
        var response = await Host.PostActivityAsync(Activities.Personal(Channel.ServiceUrl, value: value, aad: PractitionerAad, conversationId: Conversation));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public Task WaitForOutboxAsync() =>
        Host.WaitUntilAsync(async db => !await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending), "outbox idle");

    /// <summary>
    /// One fake-clock minute on, once nothing is being sent: the connector's attempt timeout runs on the host's clock,
    /// so moving it during a send would time the send out.
    /// </summary>
    public async Task TickAsync(TimeSpan? by = null)
    {
        await WaitForOutboxAsync();
        Host.Clock.Advance(by ?? TimeSpan.FromMinutes(1));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Channel.DisposeAsync();
    }

    private JsonObject LastCard()
    {
        var path = $"/v3/conversations/{Conversation}/activities";
        var mine = Channel.Calls.Where(c => c.Path == path).ToList();
        var card = mine.Skip(_seen).LastOrDefault(c => c.Card is not null)?.Card ?? mine.LastOrDefault(c => c.Card is not null)?.Card
                   ?? throw new InvalidOperationException("the bot sent the practitioner no card");
        _seen = mine.Count;
        return card;
    }

    private static JsonObject SubmitAction(JsonObject card, string action = "submit") =>
        card.DescendantObjects().FirstOrDefault(o => o["type"]?.GetValue<string>() == "Action.Submit" && o["data"]?["action"]?.GetValue<string>() == action)
        ?? throw new InvalidOperationException("no Submit on the card: " + card.ToJsonString()[..Math.Min(300, card.ToJsonString().Length)]);
}
