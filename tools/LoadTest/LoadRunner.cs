using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Samples;

namespace InfoSharing.Bot.LoadTest;

/// <summary>
/// One bounded run against the bot as a child process: simulated practitioners walk the request dialog in their 1:1
/// chats (filling each card the bot sends, as the Teams client would), approvers click Approve on every approval card
/// the bot posts, a share of connector calls fails, activities are redelivered like Teams does after a failure or a
/// timeout, and the bot may be SIGKILLed and restarted. Then <see cref="RunVerifier"/> checks the database and the
/// connector's record: nothing acknowledged lost, nothing done twice, every failed delivery audited and shown.
/// </summary>
public sealed class LoadRunner(LoadOptions options, TextWriter log)
{
    public const string ApproverAad = "aaaaaaaa-1111-4000-8000-000000000001";
    private const string ApproverId = "29:lt-approver";
    private const string ApprovalsChannel = "19:lt-approvals@thread.tacv2";
    private const string BotId = "28:infosharing-bot";
    private const int MaxRedeliveries = 40;

    private readonly ConcurrentDictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<double> _latencies = [];
    private readonly ConcurrentDictionary<string, byte> _acknowledgedCases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _acknowledgedDecisions = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _notes = new();
    private FakeTeams _teams = null!;
    private HttpClient _http = null!;
    private Uri[] _endpoints = [];
    private int _reserved;
    private int _posts;
    private int _redeliveries;
    private int _redeliveryMismatches;
    private int _journeys;
    private volatile bool _practitionersDone;

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        var directory = options.WorkDirectory ?? Directory.CreateTempSubdirectory("infosharing-load-").FullName;
        Directory.CreateDirectory(directory);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.MaxDuration);
        var token = deadline.Token;

        await using var teams = new FakeTeams(options.Seed) { HangFor = options.ConnectorTimeout + TimeSpan.FromSeconds(1) };
        await teams.StartAsync(token);
        _teams = teams;
        var sqlitePath = Path.Combine(directory, "bot.db");
        var bots = Enumerable.Range(0, options.Instances)
            .Select(i => new BotProcess(BotSettings(sqlitePath), Path.Combine(directory, $"bot{(i == 0 ? "" : i + 1)}.log")))
            .ToList();
        await using var stopBots = new AsyncDisposables(bots);
        var bot = bots[0];
        foreach (var instance in bots)
        {
            await instance.StartAsync(TimeSpan.FromSeconds(60), token); // one after the other: the first one migrates
        }

        log.WriteLine($"load: {bots.Count} bot process(es) on {string.Join(", ", bots.Select(b => b.BaseAddress))}, connector on {teams.ServiceUrl}, files in {directory}");
        _endpoints = [.. bots.Select(b => new Uri(b.BaseAddress, "api/messages"))];
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Conversations + options.Approvers + 8, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) }; // Teams gives a bot about 15 s
        _http = http;

        await RegisterApproversAsync(token);
        teams.FaultRate = options.FaultRate;
        var clock = Stopwatch.StartNew();
        using var killing = CancellationTokenSource.CreateLinkedTokenSource(token);
        var killer = KillLoopAsync(bot, killing.Token);
        var progress = ProgressLoopAsync(clock, killing.Token);
        var approvers = Enumerable.Range(0, options.Approvers).Select(_ => ApproverLoopAsync(token)).ToList();
        await Task.WhenAll(Enumerable.Range(0, options.Conversations).Select(i => PractitionerLoopAsync(i, token)));
        _practitionersDone = true;
        await Task.WhenAll(approvers);
        await killing.CancelAsync();
        await killer;
        await progress;
        var duration = clock.Elapsed;
        teams.FaultRate = 0;
        if (!bot.IsRunning)
        {
            await bot.StartAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        }

        log.WriteLine($"load: {Math.Min(_reserved, options.Turns)} turns in {duration.TotalSeconds:F1} s; waiting for the outbox to drain and checking");
        var verification = await new RunVerifier(options.PostgresConnectionString, sqlitePath, teams, log)
            .CheckAsync([.. _acknowledgedCases.Keys], [.. _acknowledgedDecisions.Keys], TimeSpan.FromSeconds(90), CancellationToken.None);
        foreach (var instance in bots)
        {
            await instance.StopAsync();
        }

        // A turn that failed inside the bot before committing (a database error, a deadlock, a lost race retried out):
        // the redelivery hides it from the practitioner, but it must not happen.
        var turnFailures = bots.Sum(b => CountLines(b.LogPath, "TurnProcessor[2103]"));
        var problems = new List<string>(verification.Problems);
        if (turnFailures > 0)
        {
            problems.Add($"{turnFailures} turns failed inside the bot (event 2103 in the bot logs)");
        }

        // An operator alerts on "fail:" and "crit:": a normal run logs neither. A run with injected faults or kills may log a
        // failure the faults explain, but never one of a handled race (EF's unique-constraint failures) or a critical one.
        var failureLines = bots.SelectMany(b => FailureLines(b.LogPath)).ToList();
        var faultsInjected = options.FaultRate > 0 || options.KillAtTurns.Count > 0;
        var unexplained = failureLines.Where(l => !faultsInjected || l.StartsWith("crit:", StringComparison.Ordinal)
                                                  || l.Contains("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        if (unexplained.Count > 0)
        {
            problems.Add($"{unexplained.Count} fail:/crit: log lines no injected fault explains, e.g. {string.Join(" | ", unexplained.Distinct().Take(3))}");
        }

        var serverErrors = _statuses.GetValueOrDefault("500");
        if (serverErrors > 0)
        {
            problems.Add($"{serverErrors} answers were HTTP 500");
        }

        if (_redeliveryMismatches > 0)
        {
            problems.Add($"{_redeliveryMismatches} redeliveries were answered differently from the first delivery");
        }

        problems.AddRange(_notes.Take(20));
        var sorted = _latencies.Order().ToArray();
        return new LoadReport
        {
            Options = options,
            Duration = duration,
            Turns = Math.Min(_reserved, options.Turns),
            Posts = _posts,
            Redeliveries = _redeliveries,
            RedeliveryMismatches = _redeliveryMismatches,
            Statuses = new Dictionary<string, int>(_statuses, StringComparer.Ordinal),
            LatencyP50Ms = Percentile(sorted, 0.50),
            LatencyP95Ms = Percentile(sorted, 0.95),
            LatencyP99Ms = Percentile(sorted, 0.99),
            Faults = new Dictionary<FaultKind, int>(teams.Faults),
            ConnectorCalls = teams.Calls,
            Kills = bots.Sum(b => b.Kills),
            JourneysStarted = _journeys,
            SubmissionsAcknowledged = _acknowledgedCases.Count,
            DecisionsAcknowledged = _acknowledgedDecisions.Count,
            RequestsStored = verification.RequestsStored,
            Problems = problems,
            Outbox = verification.Outbox,
            LostSubmissions = verification.LostSubmissions,
            LostDecisions = verification.LostDecisions,
            DuplicateRequests = verification.DuplicateRequests,
            DoubleDecisions = verification.DoubleDecisions,
            DuplicateMessages = verification.DuplicateMessages,
            InvisibleFailures = verification.InvisibleFailures,
            ServerErrors = serverErrors,
            TurnFailures = turnFailures,
            FailureLogLines = failureLines.Count,
        };
    }

    private Dictionary<string, string> BotSettings(string sqlitePath)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Connector:AllowLoopback"] = "true",
            ["Connector:AttemptTimeout"] = options.ConnectorTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Connector:InitialRetryDelay"] = "00:00:00.020",
            ["Connector:MaxRetryDelay"] = "00:00:01",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Outbox:FirstRetryDelay"] = "00:00:00.100",
            ["Outbox:MaxRetryDelay"] = "00:00:02",
            ["Outbox:Lease"] = "00:00:10",
            ["Bot:TurnClaimTimeout"] = "00:00:03",
            ["Approvals:UseTeamRoster"] = "false",
            ["Approvals:ApproverAadObjectIds:0"] = ApproverAad,
            ["Approvals:DpoAadObjectIds:0"] = ApproverAad,
            ["Approvals:PreventLeadAadObjectIds:0"] = ApproverAad,
            ["Approvals:AllowDevelopmentFallback"] = "false",
        };
        if (options.PostgresConnectionString is { } postgres)
        {
            settings["Storage:Provider"] = "PostgreSQL";
            settings["Storage:PostgresConnectionString"] = postgres;
        }
        else
        {
            settings["Storage:SqlitePath"] = sqlitePath;
        }

        return settings;
    }

    private async Task RegisterApproversAsync(CancellationToken cancellationToken)
    {
        var register = ChannelMessage("register approvers", ApproverId, ApproverAad);
        var answer = await PostAsync(register, budgeted: false, cancellationToken) ?? throw new InvalidOperationException("the bot did not answer the registration");
        if (answer.Status != 200)
        {
            throw new InvalidOperationException($"registration answered {answer.Status}");
        }
    }

    private async Task KillLoopAsync(BotProcess bot, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var at in options.KillAtTurns.Order())
            {
                while (Volatile.Read(ref _reserved) < at)
                {
                    await Task.Delay(20, cancellationToken);
                }

                await bot.KillAsync();
                log.WriteLine($"load: SIGKILL at turn {Volatile.Read(ref _reserved)}; restarting");
                await Task.Delay(300, cancellationToken);
                await bot.StartAsync(TimeSpan.FromSeconds(60), cancellationToken);
                log.WriteLine($"load: bot back at turn {Volatile.Read(ref _reserved)}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the run ended first
        }
    }

    private async Task ProgressLoopAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
                log.WriteLine($"load: {clock.Elapsed.TotalSeconds:F0} s, {Math.Min(Volatile.Read(ref _reserved), options.Turns)} turns, {_acknowledgedCases.Count} submitted, {_acknowledgedDecisions.Count} approved, {_teams.FaultCount} faults");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the run ended
        }
    }

    private async Task PractitionerLoopAsync(int index, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed + index + 1);
        var person = new Practitioner(index, random, _teams.ServiceUrl);
        try
        {
            for (var journey = 0; journey < 1000; journey++)
            {
                Interlocked.Increment(ref _journeys);
                if (!await JourneyAsync(person, string.Create(CultureInfo.InvariantCulture, $"LT-{index:0000}{journey:000}"), cancellationToken))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _notes.Enqueue("the run hit its time limit");
        }
    }

    /// <summary>One request from "new request" to submitted. False when the turn budget ran out.</summary>
    private async Task<bool> JourneyAsync(Practitioner person, string caseReference, CancellationToken cancellationToken)
    {
        var seen = _teams.MessageCountIn(person.ConversationId);
        if (await TurnAsync(person, person.Text("new request"), cancellationToken) is null)
        {
            return false;
        }

        for (var guard = 0; guard < 60; guard++)
        {
            if (LatestStepCard(person.ConversationId, seen) is not { } data)
            {
                // The reply was lost (a connector fault): ask again, as a practitioner would.
                seen = _teams.MessageCountIn(person.ConversationId);
                if (await TurnAsync(person, person.Text("new request"), cancellationToken) is null)
                {
                    return false;
                }

                continue;
            }

            var step = (DialogStep)data["step"]!.GetValue<int>();
            var values = step == DialogStep.Review
                ? new Dictionary<string, string> { [FieldIds.Declaration] = "true" }
                : DialogCardCatalogue.SampleValues(step, DateTimeOffset.UtcNow).ToDictionary();
            if (step == DialogStep.About)
            {
                values[FieldIds.CaseReference] = caseReference;
            }

            foreach (var (key, value) in values)
            {
                data[key] = value;
            }

            seen = _teams.MessageCountIn(person.ConversationId);
            if (await TurnAsync(person, person.Submit(data), cancellationToken) is null)
            {
                return false;
            }

            if (step == DialogStep.Review)
            {
                switch (await ConfirmSubmittedAsync(person, caseReference, seen, cancellationToken))
                {
                    case true:
                        _acknowledgedCases.TryAdd(caseReference, 0);
                        return true;
                    case null:
                        return false;
                }

                seen = _teams.MessageCountIn(person.ConversationId);
            }
        }

        _notes.Enqueue($"{person.ConversationId}: journey {caseReference} made no progress in 60 turns");
        return true;
    }

    /// <summary>Whether the bot acknowledged the submission: its "Submitted as" reply, or else the practitioner's "my requests".</summary>
    private async Task<bool?> ConfirmSubmittedAsync(Practitioner person, string caseReference, int seen, CancellationToken cancellationToken)
    {
        if (TextsSince(person.ConversationId, seen).Any(t => t.Contains("Submitted as **", StringComparison.Ordinal)))
        {
            return true;
        }

        for (var ask = 0; ask < 5; ask++)
        {
            var before = _teams.MessageCountIn(person.ConversationId);
            if (await TurnAsync(person, person.Text("my requests"), cancellationToken) is null)
            {
                return null;
            }

            // The listing itself, not a decision notice about an earlier request that the outbox delivered meanwhile (that
            // one names another case, and taking it for the listing would resubmit a request that is stored).
            var listing = TextsSince(person.ConversationId, before).FirstOrDefault(t =>
                t.StartsWith("**Your requests**", StringComparison.Ordinal) || t.StartsWith("You have no submitted requests", StringComparison.Ordinal));
            if (listing is not null)
            {
                return listing.Contains($"(case {caseReference})", StringComparison.Ordinal);
            }
        }

        return false;
    }

    private async Task ApproverLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (!_teams.ApprovalCards.TryDequeue(out var card))
                {
                    if (_practitionersDone)
                    {
                        return;
                    }

                    await Task.Delay(50, cancellationToken);
                    continue;
                }

                for (var click = 0; click < 8; click++)
                {
                    var invoke = ApproveInvoke(card);
                    var answer = await PostAsync(invoke, budgeted: true, cancellationToken);
                    if (answer is null)
                    {
                        return;
                    }

                    var body = answer.Body.Length == 0 ? null : JsonNode.Parse(answer.Body) as JsonObject;
                    var type = body?["type"]?.GetValue<string>();
                    var message = type == "application/vnd.microsoft.activity.message" ? body?["value"]?.GetValue<string>() : null;
                    if (type == "application/vnd.microsoft.card.adaptive" || message?.Contains("was recorded", StringComparison.Ordinal) == true)
                    {
                        _acknowledgedDecisions.TryAdd(card.RequestId, 0);
                        break;
                    }

                    // "Still working" or a 503 error body: the click did not land; click again after a moment.
                    await Task.Delay(300, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // time limit
        }
    }

    private Task<Answer?> TurnAsync(Practitioner person, JsonObject activity, CancellationToken cancellationToken) =>
        PostAsync(activity, budgeted: true, cancellationToken, person.Random);

    /// <summary>
    /// Posts one activity as Teams would: a 5xx, a dropped connection or no answer in 15 s is redelivered with the same id;
    /// a share of answered turns is redelivered once more, and the two answers must match. Null when the budget is spent.
    /// </summary>
    private async Task<Answer?> PostAsync(JsonObject activity, bool budgeted, CancellationToken cancellationToken, Random? random = null)
    {
        if (budgeted && Interlocked.Increment(ref _reserved) > options.Turns)
        {
            return null;
        }

        var json = activity.ToJsonString();
        var answer = await DeliverAsync(json, cancellationToken);
        if (answer is null)
        {
            _notes.Enqueue($"an activity was never answered after {MaxRedeliveries} deliveries");
            return null;
        }

        double draw;
        if (random is null)
        {
            draw = Random.Shared.NextDouble();
        }
        else
        {
            lock (random)
            {
                draw = random.NextDouble();
            }
        }

        if (draw < options.RedeliveryRate)
        {
            Interlocked.Increment(ref _redeliveries);
            var again = await DeliverAsync(json, cancellationToken);
            if (again is null || again.Status != answer.Status || !string.Equals(again.Body, answer.Body, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _redeliveryMismatches);
            }
        }

        return answer;
    }

    private async Task<Answer?> DeliverAsync(string json, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxRedeliveries; attempt++)
        {
            Interlocked.Increment(ref _posts);
            var clock = Stopwatch.StartNew();
            try
            {
                using var content = new StringContent(json, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                var endpoint = _endpoints[_endpoints.Length == 1 ? 0 : Random.Shared.Next(_endpoints.Length)]; // no sticky routing
                using var response = await _http.PostAsync(endpoint, content, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var status = (int)response.StatusCode;
                _statuses.AddOrUpdate(status.ToString(CultureInfo.InvariantCulture), 1, static (_, n) => n + 1);
                if (status < 500)
                {
                    _latencies.Add(clock.Elapsed.TotalMilliseconds);
                    return new Answer(status, body);
                }
            }
            catch (HttpRequestException)
            {
                _statuses.AddOrUpdate("no connection", 1, static (_, n) => n + 1);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _statuses.AddOrUpdate("no answer in 15 s", 1, static (_, n) => n + 1);
            }

            Interlocked.Increment(ref _redeliveries);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << Math.Min(attempt, 5)))), cancellationToken);
        }

        return null;
    }

    private JsonObject? LatestStepCard(string conversationId, int seen)
    {
        var messages = _teams.MessagesIn(conversationId);
        for (var i = messages.Count - 1; i >= seen; i--)
        {
            var card = messages[i]["attachments"]?[0]?["content"];
            if (FindSubmit(card) is { } data)
            {
                return (JsonObject)data.DeepClone();
            }
        }

        return null;
    }

    private IEnumerable<string> TextsSince(string conversationId, int seen) =>
        _teams.MessagesIn(conversationId).Skip(seen).Select(m => m["text"]?.GetValue<string>()).OfType<string>();

    private static JsonObject? FindSubmit(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() == "Action.Submit" && o["data"] is JsonObject data && data["action"]?.GetValue<string>() == "submit")
                {
                    return data;
                }

                foreach (var (_, value) in o)
                {
                    if (FindSubmit(value) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray a:
                return a.Select(FindSubmit).FirstOrDefault(found => found is not null);
            default:
                return null;
        }
    }

    /// <summary>The console logger's <c>fail:</c> and <c>crit:</c> lines (level and category, e.g. <c>fail: Some.Category[12]</c>).</summary>
    private static IEnumerable<string> FailureLines(string path) =>
        File.Exists(path)
            ? File.ReadLines(path).Select(l => l.TrimStart('\uFEFF')) // the log file starts with a byte-order mark
                .Where(l => l.StartsWith("fail: ", StringComparison.Ordinal) || l.StartsWith("crit: ", StringComparison.Ordinal)).Select(l => l.Trim())
            : [];

    private static int CountLines(string path, string marker) =>
        File.Exists(path) ? File.ReadLines(path).Count(line => line.Contains(marker, StringComparison.Ordinal)) : 0;

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private JsonObject ChannelMessage(string text, string userId, string aad) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString(),
        ["serviceUrl"] = _teams.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Alex Approver", ["aadObjectId"] = aad },
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
            ["team"] = new JsonObject { ["id"] = "19:lt-team@thread.tacv2" },
            ["channel"] = new JsonObject { ["id"] = ApprovalsChannel },
        },
    };

    private JsonObject ApproveInvoke(ApprovalCardPosted card) => new()
    {
        ["type"] = "invoke",
        ["name"] = "adaptiveCard/action",
        ["id"] = Guid.NewGuid().ToString(),
        ["serviceUrl"] = _teams.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = ApproverId, ["name"] = "Alex Approver", ["aadObjectId"] = ApproverAad },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "InfoSharing Bot" },
        ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = "tenant-1", ["id"] = card.ThreadId },
        ["replyToId"] = card.ActivityId,
        ["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = "approve",
                ["data"] = new JsonObject { ["requestId"] = card.RequestId, ["conditions"] = "Share by secure email only." },
            },
            ["trigger"] = "manual",
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" }, ["channel"] = new JsonObject { ["id"] = ApprovalsChannel } },
    };

    private sealed record Answer(int Status, string Body);

    /// <summary>Stops every bot process at the end of the run, whatever happened.</summary>
    private sealed class AsyncDisposables(IEnumerable<IAsyncDisposable> items) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var item in items)
            {
                await item.DisposeAsync();
            }
        }
    }

    /// <summary>One simulated practitioner in their 1:1 chat with the bot.</summary>
    private sealed class Practitioner(int index, Random random, string serviceUrl)
    {
        public Random Random { get; } = random;

        public string ConversationId { get; } = string.Create(CultureInfo.InvariantCulture, $"a:lt-{index:0000}");

        private string UserId { get; } = string.Create(CultureInfo.InvariantCulture, $"29:lt-{index:0000}");

        private string Aad { get; } = string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{index:000000000000}");

        public JsonObject Text(string text) => Activity(text, null);

        public JsonObject Submit(JsonObject value) => Activity(null, value);

        private JsonObject Activity(string? text, JsonObject? value)
        {
            var activity = new JsonObject
            {
                ["type"] = "message",
                ["id"] = Guid.NewGuid().ToString(),
                ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["serviceUrl"] = serviceUrl,
                ["channelId"] = "msteams",
                ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Load Practitioner", ["aadObjectId"] = Aad },
                ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "InfoSharing Bot" },
                ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = "tenant-1", ["id"] = ConversationId },
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
    }
}
