using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.LoadTest;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Samples;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>
/// One or more real bot hosts (the real Program, one shared database) talking to <see cref="FakeTeams"/>, the
/// fault-injecting loopback connector, with an approvers' channel registered. Drives practitioners through the dialog
/// by filling the cards the bot actually sent, and approvers by clicking the approval cards it actually posted.
/// </summary>
public sealed class ReliabilityHarness : IAsyncDisposable
{
    public const string ApproverAad = "aaaaaaaa-1111-4000-8000-000000000001";
    public const string ApproverId = "29:approver";
    public const string ApprovalsChannel = "19:approvals@thread.tacv2";
    private const string BotId = "28:infosharing-bot";
    private readonly string _directory;
    private readonly IReadOnlyList<BotHost> _owned;

    private ReliabilityHarness(FakeTeams teams, IReadOnlyList<BotHost> owned, IReadOnlyList<WebApplicationFactory<Program>> hosts, string directory)
    {
        Teams = teams;
        _owned = owned;
        Hosts = hosts;
        _directory = directory;
    }

    public FakeTeams Teams { get; }

    public IReadOnlyList<WebApplicationFactory<Program>> Hosts { get; }

    public WebApplicationFactory<Program> Host => Hosts[0];

    /// <summary>The SQLite file the hosts share (unused when they run on PostgreSQL).</summary>
    public string SqlitePath => Path.Combine(_directory, "bot.db");

    /// <summary>Settings every host gets: quick connector retries and timeouts, one approver who is also DPO and Prevent lead.</summary>
    public static Dictionary<string, string?> BaseSettings() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Connector:AttemptTimeout"] = "00:00:03", // generous: a loaded CI machine must not turn a slow answer into an unknown outcome
        ["Connector:InitialRetryDelay"] = "00:00:00.010",
        ["Connector:MaxRetryDelay"] = "00:00:00.500",
        ["Outbox:MaxRetryDelay"] = "00:00:00.500",
        ["Bot:TurnClaimTimeout"] = "00:00:02",
        ["Approvals:UseTeamRoster"] = "false",
        ["Approvals:ApproverAadObjectIds:0"] = ApproverAad,
        ["Approvals:DpoAadObjectIds:0"] = ApproverAad,
        ["Approvals:PreventLeadAadObjectIds:0"] = ApproverAad,
    };

    /// <summary>Starts <paramref name="instances"/> hosts on one database (a SQLite file unless the settings name PostgreSQL).</summary>
    public static async Task<ReliabilityHarness> StartAsync(
        int instances = 1, IDictionary<string, string?>? settings = null, int seed = 1, Action<IWebHostBuilder>? configure = null)
    {
        var teams = new FakeTeams(seed) { HangFor = TimeSpan.FromSeconds(4) };
        await teams.StartAsync(CancellationToken.None);
        var directory = Directory.CreateTempSubdirectory("infosharing-reliability-").FullName;
        var all = BaseSettings();
        all["Storage:SqlitePath"] = Path.Combine(directory, "bot.db");
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var owned = new List<BotHost>();
        var hosts = new List<WebApplicationFactory<Program>>();
        for (var i = 0; i < instances; i++)
        {
            var host = new BotHost(all);
            owned.Add(host);
            var factory = configure is null ? host : host.WithWebHostBuilder(configure);
            _ = factory.Services; // start it (migrations run once the first one starts)
            hosts.Add(factory);
        }

        var harness = new ReliabilityHarness(teams, owned, hosts, directory);
        var response = await harness.Host.PostAsync(harness.ChannelMessage("register approvers"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return harness;
    }

    /// <summary>
    /// Builds and reads activities for a bot that runs elsewhere (a child process: see CrashPointTests), with no host of
    /// its own; owns <paramref name="teams"/> and <paramref name="directory"/> from here on.
    /// </summary>
    public static ReliabilityHarness Driving(FakeTeams teams, string directory) => new(teams, [], [], directory);

    /// <summary>The practitioner of 1:1 conversation <paramref name="n"/>.</summary>
    public static string Conversation(int n) => string.Create(CultureInfo.InvariantCulture, $"a:practitioner-{n}");

    public static string ConversationKey(int n) => "msteams|" + Conversation(n);

    public JsonObject Text(int n, string text) => Personal(n, text, null);

    public JsonObject Submit(int n, JsonObject value) => Personal(n, null, value);

    /// <summary>The data of the Submit button on the latest step card the bot sent to conversation <paramref name="n"/>.</summary>
    public JsonObject? LatestStepCard(int n, int since = 0)
    {
        var messages = Teams.MessagesIn(Conversation(n));
        for (var i = messages.Count - 1; i >= since; i--)
        {
            if (FindSubmit(messages[i]["attachments"]?[0]?["content"]) is { } data)
            {
                return (JsonObject)data.DeepClone();
            }
        }

        return null;
    }

    /// <summary>The activity that answers the latest step card with valid sample values (case reference as given).</summary>
    public JsonObject AnswerLatestCard(int n, string caseReference = "CS-123456")
    {
        var data = LatestStepCard(n) ?? throw new InvalidOperationException("the bot sent conversation " + n + " no step card");
        var step = (DialogStep)data["step"]!.GetValue<int>();
        var values = step == DialogStep.Review
            ? new Dictionary<string, string> { [FieldIds.Declaration] = "true" }
            : DialogCardCatalogue.SampleValues(step, DateTimeOffset.UtcNow).ToDictionary();
        if (step == DialogStep.About)
        {
            values[FieldIds.CaseReference] = caseReference;
        }

        foreach (var (k, v) in values)
        {
            data[k] = v;
        }

        return Submit(n, data);
    }

    public static DialogStep StepOf(JsonObject submit) => (DialogStep)submit["value"]!["step"]!.GetValue<int>();

    /// <summary>Walks conversation <paramref name="n"/> from "new request" to submitted, each turn on the next host in turn.</summary>
    public async Task SubmitRequestAsync(int n, string caseReference, bool alternateHosts = false)
    {
        var turn = 0;
        WebApplicationFactory<Program> Next() => alternateHosts ? Hosts[turn++ % Hosts.Count] : Host;
        Assert.Equal(HttpStatusCode.OK, (await Next().PostAsync(Text(n, "new request"))).StatusCode);
        for (var guard = 0; guard < 12; guard++)
        {
            var answer = AnswerLatestCard(n, caseReference);
            var review = StepOf(answer) == DialogStep.Review;
            Assert.Equal(HttpStatusCode.OK, (await Next().PostAsync(answer)).StatusCode);
            if (review)
            {
                return;
            }
        }

        throw new InvalidOperationException("the dialog did not reach the review");
    }

    /// <summary>Waits until the approval card of the request with this case reference was posted.</summary>
    public async Task<ApprovalCardPosted> ApprovalCardAsync(string caseReference)
    {
        var id = await WaitForAsync(async () => (await QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.CaseReference == caseReference).Select(r => (Guid?)r.Id).FirstOrDefaultAsync())));
        return await WaitForAsync(() => Task.FromResult(Teams.ApprovalCards.FirstOrDefault(c => Guid.Parse(c.RequestId) == id)));
    }

    public JsonObject Approve(ApprovalCardPosted card, string verb = "approve", JsonObject? inputs = null)
    {
        var data = inputs ?? [];
        data["requestId"] = card.RequestId;
        return new JsonObject
        {
            ["type"] = "invoke",
            ["name"] = "adaptiveCard/action",
            ["id"] = Guid.NewGuid().ToString(),
            ["serviceUrl"] = Teams.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = ApproverId, ["name"] = "Alex Approver", ["aadObjectId"] = ApproverAad },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "InfoSharing Bot" },
            ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = "tenant-1", ["id"] = card.ThreadId },
            ["replyToId"] = card.ActivityId,
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
                ["trigger"] = "manual",
            },
        };
    }

    public JsonObject ChannelMessage(string text) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString(),
        ["serviceUrl"] = Teams.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = ApproverId, ["name"] = "Alex Approver", ["aadObjectId"] = ApproverAad },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "InfoSharing Bot" },
        ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = "tenant-1", ["id"] = ApprovalsChannel },
        ["text"] = $"<at>InfoSharing Bot</at> {text}",
        ["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>InfoSharing Bot</at>",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "InfoSharing Bot" },
        }),
        ["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
            ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2" },
            ["channel"] = new JsonObject { ["id"] = ApprovalsChannel },
        },
    };

    public Task<T> QueryAsync<T>(Func<BotDbContext, Task<T>> query) => QueryAsync(Host, query);

    public static async Task<T> QueryAsync<T>(WebApplicationFactory<Program> host, Func<BotDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    public Task<DialogStateRow?> StateAsync(int n) =>
        QueryAsync(db => db.DialogStates.AsNoTracking().FirstOrDefaultAsync(d => d.ConversationKey == ConversationKey(n)));

    /// <summary>Polls (real time, at most <paramref name="seconds"/>) until <paramref name="probe"/> returns a value.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, double seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await probe();
            if (value is not null && !(value is bool b && !b))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("condition not reached in " + seconds + " s");
            }

            await Task.Delay(25);
        }
    }

    public Task UntilAsync(Func<BotDbContext, Task<bool>> condition, double seconds = 15) =>
        WaitForAsync<object>(async () => await QueryAsync(condition) ? new object() : null, seconds);

    private JsonObject Personal(int n, string? text, JsonObject? value)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString(),
            ["serviceUrl"] = Teams.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject
            {
                ["id"] = string.Create(CultureInfo.InvariantCulture, $"29:practitioner-{n}"),
                ["name"] = "Paula Practitioner",
                ["aadObjectId"] = string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{n:000000000000}"),
            },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "InfoSharing Bot" },
            ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = "tenant-1", ["id"] = Conversation(n) },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        if (value is not null)
        {
            activity["value"] = value;
        }

        return activity;
    }

    private static JsonObject? FindSubmit(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "Action.Submit" && o["data"] is JsonObject data && data["action"]?.GetValue<string>() == "submit" => data,
        JsonObject o => o.Select(p => FindSubmit(p.Value)).FirstOrDefault(f => f is not null),
        JsonArray a => a.Select(FindSubmit).FirstOrDefault(f => f is not null),
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _owned)
        {
            await host.DisposeAsync();
        }

        await Teams.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder: left to the OS
        }
    }
}
