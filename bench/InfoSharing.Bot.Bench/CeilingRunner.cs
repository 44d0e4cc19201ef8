using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace InfoSharing.Bot.Bench;

/// <summary>
/// The ceiling of a shape: the bare ASP.NET Core target (bench/InfoSharing.Bot.Ceiling: parse the activity, POST one fixed
/// ~3 KB card to the serviceUrl, no state) started as a child process like the bot, driven by the same number of users
/// with the same pause through the same loopback channel, and measured the same way (CPU from /proc, VmHWM, cold start
/// to the first reply). The bot's figures divided by these are the ratios the report gives: they move less with the
/// machine's load than the absolute figures.
/// </summary>
public static class CeilingRunner
{
    public const string Name = "InfoSharing.Bot.Ceiling";

    public static async Task<CeilingResult> RunAsync(
        BenchOptions options, LoadShape shape, string directory, double ticksPerSecond, CancellationToken cancellationToken)
    {
        var loadAtStart = LoadAverage();
        await using var channel = new LoopbackChannel();
        await channel.StartAsync();
        await using var target = BotProcess.Start(directory, new Dictionary<string, string>(), Name);
        using var client = new BotClient(target.BaseAddress);
        var coldStart = await FirstTurnAsync(target, client, channel, cancellationToken);
        var coldStartCpuMs = target.CpuTicks() / ticksPerSecond * 1000;

        var warmupEnds = Stopwatch.GetTimestamp() + (long)(options.CeilingWarmupSeconds * Stopwatch.Frequency);
        var deadline = warmupEnds + (long)(options.Seconds * Stopwatch.Frequency);
        var run = new LoadRun(warmupEnds, deadline, null);
        var users = Enumerable.Range(1, shape.Users).Select(i => UserAsync(i, client, channel, run, shape, cancellationToken)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(options.CeilingWarmupSeconds), cancellationToken);
        var windowStart = Stopwatch.GetTimestamp();
        var cpuStart = target.CpuTicks();
        await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline), cancellationToken);
        var windowEnd = Stopwatch.GetTimestamp();
        var cpuEnd = target.CpuTicks();
        await Task.WhenAll(users);
        var seconds = Stopwatch.GetElapsedTime(windowStart, windowEnd).TotalSeconds;
        var turns = Interlocked.Read(ref run.TurnsMeasured);
        if (Interlocked.Read(ref channel.Unexpected) is > 0 and var unexpected)
        {
            run.ErrorReasons["unexpected connector call"] = (int)unexpected;
            Interlocked.Add(ref run.Errors, unexpected);
        }

        var (peakKiB, _) = target.Memory();
        return new CeilingResult
        {
            TurnsPerSecond = Math.Round(turns / seconds, 1),
            TurnLatencyMs = run.Turns.Summarise(),
            TurnsInFlightAtSend = run.InFlightAtSend.Summarise(),
            CpuMsPerTurn = turns == 0 ? 0 : Math.Round((cpuEnd - cpuStart) / ticksPerSecond * 1000 / turns, 4),
            PeakWorkingSetMb = Math.Round(peakKiB / 1024.0, 1),
            ResidentAtPeak = target.ResidentAtPeak,
            ColdStartMs = Math.Round(coldStart, 1),
            ColdStartCpuMs = Math.Round(coldStartCpuMs, 0),
            CardBytes = channel.MaxCardBytes,
            LoadAverage = $"{loadAtStart} → {LoadAverage()}",
            Errors = Interlocked.Read(ref run.Errors),
            ErrorReasons = new SortedDictionary<string, int>(run.ErrorReasons, StringComparer.Ordinal),
        };
    }

    /// <summary>One user of the ceiling: a message, its one card reply, the pause, again, until the window closes.</summary>
    private static async Task UserAsync(int index, BotClient client, LoopbackChannel channel, LoadRun run, LoadShape shape, CancellationToken cancellationToken)
    {
        var userId = $"29:ceiling-user-{index}";
        var aad = $"dddddddd-0000-0000-0000-{index:D12}";
        var conversationId = $"a:ceiling-chat-{index}";
        await Task.Delay(shape.FirstDelayMs(), cancellationToken);

        for (var n = 1; !run.Stopping; n++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"c{index}-{n}");
            var activity = Activities.Personal(channel.ServiceUrl, id, userId, aad, $"User {index}", conversationId, "next", null);
            var expected = channel.Expect(id);
            var started = run.Sending();
            try
            {
                var (status, _) = await client.PostAsync(activity, cancellationToken);
                var (bodies, lastAt) = expected.Snapshot();
                if (status != HttpStatusCode.OK || bodies.Count != 1)
                {
                    run.Error(status != HttpStatusCode.OK ? $"ceiling answered HTTP {(int)status}" : "ceiling turn without its one reply");
                }
                else
                {
                    run.Turn(started, lastAt);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                run.Error($"ceiling turn failed: {ex.GetType().Name}");
            }
            finally
            {
                run.Answered();
                channel.Forget(id);
            }

            if (shape.NextPauseMs() is var pause and > 0)
            {
                await Task.Delay(pause, cancellationToken);
            }
        }
    }

    private static async Task<double> FirstTurnAsync(BotProcess target, BotClient client, LoopbackChannel channel, CancellationToken cancellationToken)
    {
        var activity = Activities.Personal(channel.ServiceUrl, "first", "29:ceiling-first", "dddddddd-0000-0000-0000-000000000000", "First", "a:ceiling-first", "hello", null);
        var replies = channel.Expect("first");
        await client.PostFirstAsync(target, activity, cancellationToken);
        var (bodies, lastAt) = replies.Snapshot();
        channel.Forget("first");
        if (bodies.Count != 1 || JsonDocument.Parse(bodies[0]).RootElement.GetProperty("attachments").GetArrayLength() != 1)
        {
            throw new InvalidOperationException("the ceiling's first turn got no card:\n" + target.Tail());
        }

        return Stopwatch.GetElapsedTime(target.StartedAt, lastAt).TotalMilliseconds;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}

/// <summary>The ceiling's figures for one shape.</summary>
public sealed record CeilingResult
{
    public required double TurnsPerSecond { get; init; }
    public required LatencySummary TurnLatencyMs { get; init; }
    public required LatencySummary TurnsInFlightAtSend { get; init; }
    public required double CpuMsPerTurn { get; init; }
    public required double PeakWorkingSetMb { get; init; }
    public ResidentSet? ResidentAtPeak { get; init; }
    public required double ColdStartMs { get; init; }
    public required double ColdStartCpuMs { get; init; }
    public required long CardBytes { get; init; }
    public required string LoadAverage { get; init; }
    public required long Errors { get; init; }
    public required IReadOnlyDictionary<string, int> ErrorReasons { get; init; }
}

/// <summary>
/// The bot's figures as multiples of the ceiling's (same shape, same run): CPU per turn, turn p99 and the approve
/// invoke's p99 (against the ceiling's turn p99: its one card round trip), peak working set and cold start are "times
/// the ceiling" (lower is better, 1 is the floor); turns/s is the share of the ceiling's throughput (higher is better).
/// </summary>
public sealed record CeilingRatios(double CpuPerTurn, double TurnsPerSecond, double TurnP99, double InvokeP99, double PeakWorkingSet, double ColdStart)
{
    public static CeilingRatios Of(ShapeResult bot, CeilingResult ceiling)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(ceiling);
        return new CeilingRatios(
            Ratio(bot.BotCpuMsPerTurn, ceiling.CpuMsPerTurn),
            Ratio(bot.TurnsPerSecond, ceiling.TurnsPerSecond),
            Ratio(bot.TurnLatencyMs.P99, ceiling.TurnLatencyMs.P99),
            Ratio(bot.InvokeLatencyMs.P99, ceiling.TurnLatencyMs.P99),
            Ratio(bot.PeakWorkingSetMb, ceiling.PeakWorkingSetMb),
            Ratio(bot.ColdStartMs, ceiling.ColdStartMs));
    }

    private static double Ratio(double a, double b) => b <= 0 ? 0 : Math.Round(a / b, 2);
}
