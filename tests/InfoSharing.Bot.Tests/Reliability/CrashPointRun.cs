using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Hosting;
using InfoSharing.Bot.LoadTest;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>
/// Issue 12 from outside: the real binary (<see cref="BotProcess"/>: the built InfoSharing.Bot.dll, Development, no
/// credentials) on a fresh database against the loopback <see cref="FakeTeams"/>, SIGKILLed at one point between a
/// practitioner's submit and the decision notice, then started again on the same database while Teams redelivers every
/// activity left unanswered. Afterwards the request has exactly one approval card, one reference reply and one decision
/// notice. The points: before the submit commits, after it commits (before its replies), after the card's outbox claim,
/// during the card's POST, after that POST (not yet recorded), after the reference's POST (not yet recorded), after the
/// decision notice's claim (before the notice). Points inside the bot are the Development crash hook
/// (<see cref="CrashHook"/>, <c>Diagnostics:CrashAt</c>: the process kills itself there); "during the POST" is a SIGKILL
/// from outside while FakeTeams holds the card's POST (accepted, answer held back). One run per point;
/// <c>INFOSHARING_CRASH_RUNS=10</c> runs each ten times in a row. Used by <see cref="CrashPointTests"/> (SQLite) and
/// <see cref="CrashPointPostgresTests"/> (PostgreSQL), two classes so that the two databases' runs may go side by side.
/// </summary>
public static class CrashPointRun
{
    public const string RunsVariable = "INFOSHARING_CRASH_RUNS";
    private const string DuringPost = "during-post";
    private const string BeforeNotice = "after-claim:" + OutboxOperations.NotifyRequester; // the decision notice's row
    private const string AfterReference = "after-post:" + OutboxOperations.NotifyRequester; // the reference, sent in-line
    private const string CaseReference = "CS-654321";
    private const int Practitioner = 1;

    /// <summary>Every point, in the order a request passes them.</summary>
    public static TheoryData<string> Points() =>
    [
        "before-commit", "after-commit", "after-claim:" + OutboxOperations.PostApprovalCard, DuringPost,
        "after-post:" + OutboxOperations.PostApprovalCard, AfterReference, BeforeNotice,
    ];

    /// <summary>
    /// <see cref="RunsVariable"/> runs (default 1) at <paramref name="point"/> on a fresh database each (SQLite when
    /// <paramref name="postgres"/> is null), each reported as a diagnostic line; then asserts every run saw one kill, one
    /// card, one reference and one notice.
    /// </summary>
    public static async Task AssertRunsAsync(string point, ReliabilityPostgres? postgres)
    {
        var database = postgres is null ? "SQLite" : "PostgreSQL";
        var runs = int.TryParse(Environment.GetEnvironmentVariable(RunsVariable), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        var results = new List<RunResult>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await RunOnceAsync(point, postgres, run, TestContext.Current.CancellationToken);
            TestContext.Current.SendDiagnosticMessage($"{database} {point} run {run}: {result}");
            results.Add(result);
        }

        var total = $"{database} {point}: {runs} runs, kills {results.Sum(r => r.Kills)}, cards {results.Sum(r => r.Cards)}, "
                    + $"references {results.Sum(r => r.References)}, notices {results.Sum(r => r.Notices)}";
        TestContext.Current.SendDiagnosticMessage(total);
        Assert.True(results.All(r => r is { Kills: 1, Cards: 1, References: 1, Notices: 1 }),
            total + "\n" + string.Join("\n", results.Select((r, i) => $"run {i + 1}: {r}")));
    }

    private static async Task<RunResult> RunOnceAsync(string point, ReliabilityPostgres? postgres, int run, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        var directory = Directory.CreateTempSubdirectory("infosharing-crash-").FullName;
        var teams = new FakeTeams(seed: run) { HangFor = TimeSpan.FromSeconds(60) };
        await teams.StartAsync(token);
        await using var h = ReliabilityHarness.Driving(teams, directory);
        var settings = await SettingsAsync(postgres, directory);
        var unanswered = new List<JsonObject>();
        JsonObject? approve = null;
        var kills = 0;
        TimeSpan firstStart;

        var first = new BotProcess(point == DuringPost ? settings : new Dictionary<string, string>(settings) { [CrashHook.SettingKey] = point },
            Path.Combine(directory, "bot-1.log"));
        await using (first)
        {
            await first.StartAsync(TimeSpan.FromSeconds(90), token);
            firstStart = clock.Elapsed;
            using var http = new HttpClient { BaseAddress = first.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            Assert.Equal(HttpStatusCode.OK, await PostAsync(http, h.ChannelMessage("register approvers"), token));
            var submit = await WalkToReviewAsync(http, h, token);
            if (point == DuringPost)
            {
                teams.ScriptFault("POST", "/v3/conversations$", FaultKind.AcceptedThenHang); // the card's thread: accepted, answer held
            }

            var submitting = PostAsync(http, submit, token);
            Task<HttpStatusCode?>? approving = null;
            if (point == DuringPost)
            {
                await ReliabilityHarness.WaitForAsync(() => Task.FromResult(teams.Faults.ContainsKey(FaultKind.AcceptedThenHang) ? (object)true : null), 30);
                await first.KillAsync();
                kills = first.Kills;
            }
            else
            {
                if (point == BeforeNotice)
                {
                    Assert.Equal(HttpStatusCode.OK, await submitting);
                    approve = h.Approve(await CardAsync(teams));
                    approving = PostAsync(http, approve, token);
                }

                await ReliabilityHarness.WaitForAsync(() => Task.FromResult(first.IsRunning ? null : (object)true), 60);
                kills = (await first.ExitedLogAsync(token)).Contains($"{CrashHook.SettingKey}={point}: SIGKILL", StringComparison.Ordinal) ? 1 : 0;
            }

            if (await submitting != HttpStatusCode.OK)
            {
                unanswered.Add(submit);
            }

            if (approving is not null && await approving != HttpStatusCode.OK)
            {
                unanswered.Add(approve!);
            }
        }

        await using var second = new BotProcess(settings, Path.Combine(directory, "bot-2.log"));
        var restarting = clock.Elapsed;
        await second.StartAsync(TimeSpan.FromSeconds(90), token);
        var secondStart = clock.Elapsed - restarting;
        using (var http = new HttpClient { BaseAddress = second.BaseAddress, Timeout = TimeSpan.FromSeconds(60) })
        {
            foreach (var activity in unanswered)
            {
                await RedeliverAsync(http, activity, token);
            }

            var card = await CardAsync(teams);
            if (approve is null)
            {
                await RedeliverAsync(http, h.Approve(card), token);
            }

            await ReliabilityHarness.WaitForAsync(() => Task.FromResult(Count(teams, "was **approved**") > 0 ? (object)true : null), 30);
            await SettledAsync(settings);
        }

        var result = new RunResult(kills, teams.ApprovalCards.Count, Count(teams, "Submitted as **"), Count(teams, "was **approved**"),
            unanswered.Count, clock.Elapsed, firstStart + secondStart, await OutboxSummaryAsync(settings));
        await second.KillAsync(); // everything to be seen was seen
        return result;
    }

    /// <summary>Settings of both starts: the loopback connector with quick retries, a short lease so a dead holder's rows come back soon.</summary>
    private static async Task<Dictionary<string, string>> SettingsAsync(ReliabilityPostgres? postgres, string directory)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ReliabilityHarness.BaseSettings())
        {
            settings[key] = value!;
        }

        settings["Connector:AllowLoopback"] = "true";
        settings["Connector:AttemptTimeout"] = "00:00:10"; // longer than a kill takes: a held POST ends by the kill, not a timeout
        // Polled each second (woken at once after a commit): rarely while a turn's own replies are going out, so a kill at
        // one point seldom finds another send half done (that send would end unknown, by design, and spoil the count).
        settings["Outbox:PollInterval"] = "00:00:01";
        settings["Outbox:FirstRetryDelay"] = "00:00:00.100";
        settings["Outbox:Lease"] = "00:00:03";
        settings["Approvals:AllowDevelopmentFallback"] = "false";
        if (postgres is not null)
        {
            foreach (var (key, value) in await postgres.DatabaseSettingsAsync())
            {
                settings[key] = value!;
            }
        }
        else
        {
            settings["Storage:SqlitePath"] = Path.Combine(directory, "bot.db");
        }

        return settings;
    }

    /// <summary>"new request", then every step card answered with sample values; returns the review's submit, not yet sent.</summary>
    private static async Task<JsonObject> WalkToReviewAsync(HttpClient http, ReliabilityHarness h, CancellationToken token)
    {
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, h.Text(Practitioner, "new request"), token));
        for (var guard = 0; guard < 12; guard++)
        {
            var answer = h.AnswerLatestCard(Practitioner, CaseReference);
            if (ReliabilityHarness.StepOf(answer) == DialogStep.Review)
            {
                return answer;
            }

            Assert.Equal(HttpStatusCode.OK, await PostAsync(http, answer, token));
        }

        throw new InvalidOperationException("the dialog did not reach the review");
    }

    /// <summary>The status of one delivery, or null when the bot died before answering (the connection was cut).</summary>
    private static async Task<HttpStatusCode?> PostAsync(HttpClient http, JsonObject activity, CancellationToken token)
    {
        try
        {
            using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("api/messages", UriKind.Relative), content, token);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>As Teams does with an activity it got no answer to: the same activity (same id) again until it is answered.</summary>
    private static async Task RedeliverAsync(HttpClient http, JsonObject activity, CancellationToken token)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            if (await PostAsync(http, activity, token) == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(250, token);
        }

        throw new TimeoutException("the bot never answered the redelivered activity");
    }

    private static Task<ApprovalCardPosted> CardAsync(FakeTeams teams) =>
        ReliabilityHarness.WaitForAsync(() => Task.FromResult(teams.ApprovalCards.FirstOrDefault()), 30);

    /// <summary>Messages the practitioner got whose text contains <paramref name="fragment"/>.</summary>
    private static int Count(FakeTeams teams, string fragment) =>
        teams.MessagesIn(ReliabilityHarness.Conversation(Practitioner))
            .Count(m => m["text"]?.GetValue<string>() is { } text && text.Contains(fragment, StringComparison.Ordinal));

    /// <summary>Waits until the outbox has nothing in flight and nothing due within a second (a row waiting for a posted card is not due).</summary>
    private static async Task SettledAsync(Dictionary<string, string> settings) =>
        await ReliabilityHarness.WaitForAsync(async () =>
        {
            await using var db = Open(settings);
            var now = DateTime.UtcNow;
            var busy = await db.Outbox.AsNoTracking()
                .Where(r => r.Status == OutboxStatus.Pending)
                .Select(r => new { r.NextAttemptAt, r.LockedUntil })
                .ToListAsync();
            return busy.Any(r => r.LockedUntil > now || r.NextAttemptAt <= now.AddSeconds(1)) ? null : (object)true;
        }, 30);

    private static async Task<string> OutboxSummaryAsync(Dictionary<string, string> settings)
    {
        await using var db = Open(settings);
        var rows = await db.Outbox.AsNoTracking().OrderBy(r => r.CreatedAt).Select(r => r.Operation + ":" + r.Status).ToListAsync();
        return string.Join(", ", rows);
    }

    private static BotDbContext Open(Dictionary<string, string> settings) =>
        settings.TryGetValue("Storage:PostgresConnectionString", out var postgres)
            ? new PostgresBotDbContext(new DbContextOptionsBuilder<PostgresBotDbContext>().UseNpgsql(postgres).Options)
            : new SqliteBotDbContext(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite($"Data Source={settings["Storage:SqlitePath"]};Default Timeout=30").Options);

    private sealed record RunResult(int Kills, int Cards, int References, int Notices, int Redelivered, TimeSpan Took, TimeSpan Starting, string Outbox)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"kills {Kills}, cards {Cards}, references {References}, notices {Notices}, redelivered {Redelivered}, {Took.TotalSeconds:0.0} s ({Starting.TotalSeconds:0.0} s starting); outbox {Outbox}");
    }
}
