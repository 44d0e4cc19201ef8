using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace InfoSharing.Bot.Bench;

/// <summary>
/// Runs each shape against a freshly started bot (fresh SQLite file or PostgreSQL database): the channel registration
/// as the first turn (cold start), then practitioners and approvers for the configured time or number of requests, then
/// a drain until every submitted request is decided and its practitioner told.
/// </summary>
public static class BenchRunner
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = RepositoryRoot();
        var botDirectory = options.BotDirectory ?? Path.Combine(root, "src", "InfoSharing.Bot", "bin", "Release", "net10.0");
        if (options.Publish && options.BotDirectory is null)
        {
            botDirectory = Path.Combine(root, "artifacts", "bench", "bot");
            Console.WriteLine($"--- dotnet publish (ReadyToRun) of the bot into {botDirectory}");
            using var publish = Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList = { "publish", Path.Combine(root, "src", "InfoSharing.Bot"), "-c", "Release", "-o", botDirectory, "-nologo", "-v", "q" },
            })!;
            await publish.WaitForExitAsync(cancellationToken);
            if (publish.ExitCode != 0)
            {
                await Console.Error.WriteLineAsync("dotnet publish of the bot failed");
                return 2;
            }
        }

        if (!File.Exists(Path.Combine(botDirectory, "InfoSharing.Bot.dll")))
        {
            await Console.Error.WriteLineAsync($"no bot build in {botDirectory}: run dotnet build InfoSharing.Bot.sln -c Release");
            return 2;
        }

        var ticksPerSecond = await ClockTicksAsync();
        var ceilingDirectory = Path.Combine(root, "bench", CeilingRunner.Name, "bin", "Release", "net10.0");
        string[] storages = options.Storage == "both" ? ["sqlite", "postgres"] : [options.Storage];
        await using var postgres = storages.Contains("postgres") ? await PostgresCluster.StartAsync() : null;
        var results = new List<ShapeResult>();
        foreach (var shape in options.Shapes)
        {
            CeilingResult? ceiling = null;
            if (options.Ceiling)
            {
                Console.WriteLine($"--- {shape.Name} ceiling ({CeilingRunner.Name}): {shape.Users} users, {shape.PauseMs} ms pause, {options.CeilingWarmupSeconds} s warm-up + {options.Seconds} s");
                ceiling = await CeilingRunner.RunAsync(options, shape, ceilingDirectory, ticksPerSecond, cancellationToken);
                Console.WriteLine($"    {ceiling.TurnsPerSecond:0} turns/s, turn p99 {ceiling.TurnLatencyMs.P99} ms, {ceiling.CpuMsPerTurn:0.000} ms CPU/turn, errors {ceiling.Errors}");
            }

            foreach (var storage in storages)
            {
                Console.WriteLine($"--- {shape.Name}: {shape.Users} practitioners, {shape.PauseMs} ms pause, "
                    + (options.Requests is { } n ? $"{n} requests" : $"{options.WarmupSeconds} s warm-up + {options.Seconds} s") + $", {storage}");
                var result = await RunShapeAsync(options, shape, botDirectory, storage == "postgres" ? postgres : null, ticksPerSecond, cancellationToken);
                result = result with { Storage = storage, Ceiling = ceiling, VsCeiling = ceiling is null ? null : CeilingRatios.Of(result, ceiling) };
                Console.WriteLine($"    {result.TurnsPerSecond:0} turns/s, turn p99 {result.TurnLatencyMs.P99} ms, invoke p99 {result.InvokeLatencyMs.P99} ms, errors {result.Errors}");
                results.Add(result);
            }
        }

        var report = new BenchReport
        {
            Commit = await CommitAsync(root),
            At = DateTimeOffset.UtcNow,
            ProcessorCount = Environment.ProcessorCount,
            Storage = options.Storage,
            Command = "dotnet run -c Release --project bench/InfoSharing.Bot.Bench -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            Shapes = results,
        };
        var json = report.ToJson();
        var jsonPath = options.JsonPath ?? Path.Combine(root, "artifacts", "bench", "result.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
        await File.WriteAllTextAsync(jsonPath, json, cancellationToken);
        Console.WriteLine();
        Console.WriteLine(report.ToTable());
        Console.WriteLine(json);
        Console.WriteLine($"(JSON written to {jsonPath})");
        return results.All(r => r.Errors == 0 && (r.Ceiling?.Errors ?? 0) == 0) ? 0 : 1;
    }

    private static async Task<ShapeResult> RunShapeAsync(
        BenchOptions options, LoadShape shape, string botDirectory, PostgresCluster? postgres, double ticksPerSecond, CancellationToken cancellationToken)
    {
        var loadAtStart = LoadAverage();
        var work = Directory.CreateTempSubdirectory("infosharing-bench-").FullName;
        await using var channel = new LoopbackChannel();
        await channel.StartAsync();
        foreach (var who in new[] { Approver.Dpo, Approver.PreventLead, Approver.Registrar })
        {
            channel.AddRosterMember(who.UserId, who.Aad);
        }

        var settings = new Dictionary<string, string>
        {
            ["Approvals:DpoAadObjectIds:0"] = Approver.Dpo.Aad,
            ["Approvals:PreventLeadAadObjectIds:0"] = Approver.PreventLead.Aad,
        };
        if (postgres is not null)
        {
            settings["Storage:Provider"] = "PostgreSQL";
            settings["Storage:PostgresConnectionString"] = await postgres.CreateDatabaseAsync("bench_" + shape.Name);
        }
        else
        {
            settings["Storage:SqlitePath"] = Path.Combine(work, "bot.db");
        }

        if (options.ServerTiming)
        {
            settings[BotProcess.RequestLogSetting.Key] = BotProcess.RequestLogSetting.Value;
        }

        await using var bot = BotProcess.Start(botDirectory, settings);
        var serverTimes = new LatencyRecorder();
        using var client = new BotClient(bot.BaseAddress);
        var coldStart = await FirstTurnAsync(bot, client, channel, cancellationToken);
        var coldStartCpuMs = bot.CpuTicks() / ticksPerSecond * 1000;
        // A fresh PostgreSQL database makes EF Core log its first look for the migrations table as a failed command.
        var startupErrorLines = Interlocked.Exchange(ref bot.ErrorLines, 0);
        await using var counters = RuntimeCounters.Start(bot.Id, options.AllocationProfile);
        channel.ResetCounters();

        var now = Stopwatch.GetTimestamp();
        var warmupEnds = now + (long)(options.WarmupSeconds * Stopwatch.Frequency);
        long? deadline = options.Requests is null ? warmupEnds + (long)(options.Seconds * Stopwatch.Frequency) : null;
        var run = new LoadRun(warmupEnds, deadline, options.Requests);

        using var stopApprovers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var approvers = Enumerable.Range(0, options.Approvers).Select(_ => new Approver(client, channel, run).RunAsync(stopApprovers.Token)).ToList();
        var practitioners = Enumerable.Range(1, shape.Users).Select(i => new Practitioner(i, client, channel, run, shape).RunAsync(cancellationToken)).ToList();

        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = ProgressAsync(bot, run, ticksPerSecond, stopProgress.Token);
        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), cancellationToken);
        var windowStart = Stopwatch.GetTimestamp();
        var cpuStart = bot.CpuTicks();
        bot.RecordServerTimes(options.ServerTiming ? serverTimes : null);
        long windowEnd;
        long cpuEnd;
        if (deadline is { } d)
        {
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), d), cancellationToken);
            windowEnd = Stopwatch.GetTimestamp();
            cpuEnd = bot.CpuTicks();
            bot.RecordServerTimes(null);
            await Task.WhenAll(practitioners);
        }
        else
        {
            await Task.WhenAll(practitioners);
            windowEnd = Stopwatch.GetTimestamp();
            cpuEnd = bot.CpuTicks();
            bot.RecordServerTimes(null);
        }

        // Turns and invokes that completed inside the window (requests mode: from the end of the warm-up to the last turn).
        var windowSeconds = Stopwatch.GetElapsedTime(windowStart, windowEnd).TotalSeconds;
        await stopProgress.CancelAsync();
        await progress;
        var messageTurns = Interlocked.Read(ref run.TurnsMeasured);
        var invokes = Interlocked.Read(ref run.InvokesMeasured);
        run.MarkLoadEnded();

        // Drain: every submitted request decided by both approvers and its practitioner told.
        var drainUntil = Stopwatch.GetTimestamp() + (long)(DrainTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < drainUntil
               && (Interlocked.Read(ref run.RequestsApproved) + FailedDecisions(run) < Interlocked.Read(ref run.RequestsSubmitted)
                   || Interlocked.Read(ref channel.Notifications) < Interlocked.Read(ref run.RequestsApproved)))
        {
            await Task.Delay(50, cancellationToken);
        }

        channel.Cards.Writer.TryComplete();
        await Task.WhenAny(Task.WhenAll(approvers), Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
        await stopApprovers.CancelAsync();

        var submitted = Interlocked.Read(ref run.RequestsSubmitted);
        var approved = Interlocked.Read(ref run.RequestsApproved);
        var notified = Interlocked.Read(ref channel.Notifications);
        if (approved + FailedDecisions(run) < submitted)
        {
            for (var i = approved + FailedDecisions(run); i < submitted; i++)
            {
                run.Error($"a submitted request was not decided within {DrainTimeout.TotalSeconds:0} s");
            }
        }

        for (var i = notified; i < approved; i++)
        {
            run.Error("an approved request's practitioner was not told");
        }

        if (Interlocked.Read(ref channel.Unexpected) is > 0 and var unexpected)
        {
            run.ErrorReasons["unexpected connector call"] = (int)unexpected;
            Interlocked.Add(ref run.Errors, unexpected);
        }

        if (Interlocked.Read(ref channel.UnmatchedReplies) is > 0 and var unmatched)
        {
            run.ErrorReasons["reply to an activity after its turn was answered"] = (int)unmatched;
            Interlocked.Add(ref run.Errors, unmatched);
        }

        if (bot.ErrorLines > 0)
        {
            run.ErrorReasons["bot logged fail/crit"] = bot.ErrorLines;
            Interlocked.Add(ref run.Errors, bot.ErrorLines);
        }

        var (peakKiB, _) = bot.Memory();
        var turns = messageTurns + invokes;
        var allocated = counters.AllocatedBetween(windowStart, windowEnd);
        if (counters.Intervals == 0)
        {
            Console.Error.WriteLine("    (no EventPipe counters were received from the bot)");
        }

        var pauses = counters.PausesBetween(windowStart, windowEnd);
        var result = new ShapeResult
        {
            Shape = shape.Name,
            Users = shape.Users,
            PauseMs = shape.PauseMs,
            PauseSpread = shape.PauseSpread,
            MeasuredSeconds = Math.Round(windowSeconds, 2),
            MessageTurns = messageTurns,
            Invokes = invokes,
            TurnsPerSecond = Math.Round(turns / windowSeconds, 1),
            MessageTurnsPerSecond = Math.Round(messageTurns / windowSeconds, 1),
            TurnLatencyMs = run.Turns.Summarise(),
            InvokeLatencyMs = run.Invokes.Summarise(),
            TurnsInFlightAtSend = run.InFlightAtSend.Summarise(),
            ServerRequestMs = options.ServerTiming ? serverTimes.Summarise() : null,
            BotCpuMsPerTurn = turns == 0 ? 0 : Math.Round((cpuEnd - cpuStart) / ticksPerSecond * 1000 / turns, 4),
            JitMsPerTurn = turns == 0 ? 0 : Math.Round(counters.JitMsBetween(windowStart, windowEnd) / turns, 4),
            ColdStartCpuMs = Math.Round(coldStartCpuMs, 0),
            ColdStartMethodsJitted = counters.JitAtAttach.Methods,
            ColdStartJitMs = Math.Round(counters.JitAtAttach.Ms, 0),
            AllocatedKbPerTurn = turns == 0 ? 0 : Math.Round(allocated / 1024 / turns, 1),
            GcPauses = pauses.Count,
            GcGen2 = pauses.Gen2,
            GcPauseTotalMs = Math.Round(pauses.TotalMs, 1),
            GcPauseMaxMs = Math.Round(pauses.MaxMs, 1),
            PeakWorkingSetMb = Math.Round(peakKiB / 1024.0, 1),
            ResidentAtPeak = bot.ResidentAtPeak,
            PeakManagedHeapMb = Math.Round(counters.PeakHeapMb, 1),
            ColdStartMs = Math.Round(coldStart, 1),
            LargestCardBytes = channel.MaxCardBytes,
            LargestCardKind = channel.LargestCardSource,
            LargestActivityBytes = channel.MaxActivityBytes,
            RequestsSubmitted = submitted,
            RequestsApproved = approved,
            PractitionersNotified = notified,
            ApprovalCardsPosted = Interlocked.Read(ref channel.CardsPosted),
            ApprovalCardUpdates = Interlocked.Read(ref channel.CardUpdates),
            RosterCalls = Interlocked.Read(ref channel.RosterLookups) + Interlocked.Read(ref channel.MemberLists),
            BotWarningLines = bot.WarningLines,
            BotStartupErrorLines = startupErrorLines,
            LoadAverage = $"{loadAtStart} → {LoadAverage()}",
            Errors = Interlocked.Read(ref run.Errors),
            ErrorReasons = new SortedDictionary<string, int>(run.ErrorReasons, StringComparer.Ordinal),
        };

        if (options.AllocationProfile)
        {
            var types = counters.SampledTypes();
            var total = Math.Max(1, types.Sum(t => t.Bytes));
            Console.WriteLine("    sampled allocations by type:");
            foreach (var (type, bytes) in types.Take(30))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {100.0 * bytes / total,5:0.0}%  {type}"));
            }
        }

        if (result.Errors > 0)
        {
            Console.Error.WriteLine("    the bot's last log lines:\n" + bot.Tail());
        }

        await counters.DisposeAsync();
        await bot.DisposeAsync(); // SIGKILL, as a crash

        // A restart on the database the load just filled: what an operator waits for after a crash or a deploy (the first
        // start above also created the database and applied every migration).
        await using (var restarted = BotProcess.Start(botDirectory, settings))
        {
            using var restartedClient = new BotClient(restarted.BaseAddress);
            var restart = await FirstTurnAsync(restarted, restartedClient, channel, cancellationToken, "register-2");
            result = result with { RestartMs = Math.Round(restart, 1), RestartCpuMs = Math.Round(restarted.CpuTicks() / ticksPerSecond * 1000, 0) };
        }

        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder: left to the OS
        }

        return result;
    }

    /// <summary>Every five seconds: turns per second and the bot's CPU per turn in that slice (shows the JIT warming up).</summary>
    private static async Task ProgressAsync(BotProcess bot, LoadRun run, double ticksPerSecond, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var turns = 0L;
        var cpu = bot.CpuTicks();
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                var nowTurns = Interlocked.Read(ref run.TurnsTotal) + Interlocked.Read(ref run.InvokesTotal);
                var nowCpu = bot.CpuTicks();
                var slice = nowTurns - turns;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {Stopwatch.GetElapsedTime(started).TotalSeconds,5:0} s: {slice / 5.0,7:0} turns/s, bot CPU {(slice == 0 ? 0 : (nowCpu - cpu) / ticksPerSecond * 1000 / slice),6:0.000} ms/turn"));
                (turns, cpu) = (nowTurns, nowCpu);
            }
        }
        catch (OperationCanceledException)
        {
            // the measured window is over
        }
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static long FailedDecisions(LoadRun run) =>
        run.ErrorReasons.Where(e => e.Key.StartsWith("invoke", StringComparison.Ordinal)).Sum(e => (long)e.Value);

    /// <summary>
    /// The first turn, sent as soon as the port accepts connections: the approvers' channel registration. Returns the
    /// milliseconds from just before the process was started to the arrival of that turn's reply.
    /// </summary>
    private static async Task<double> FirstTurnAsync(BotProcess bot, BotClient client, LoopbackChannel channel, CancellationToken cancellationToken, string id = "register-1")
    {
        var (userId, aad) = Approver.Registrar;
        var activity = Activities.ChannelMessage(channel.ServiceUrl, id, userId, aad, "register approvers");
        var replies = channel.Expect(id);
        await client.PostFirstAsync(bot, activity, cancellationToken);
        var (bodies, lastAt) = replies.Snapshot();
        channel.Forget(id);
        if (bodies.Count == 0 || System.Text.Json.Nodes.JsonNode.Parse(bodies[^1])?["text"]?.GetValue<string>()?.Contains("approvers' channel", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException("the approvers' channel was not registered:\n" + bot.Tail());
        }

        return Stopwatch.GetElapsedTime(bot.StartedAt, lastAt).TotalMilliseconds;
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "InfoSharing.Bot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("run the bench from inside the repository (InfoSharing.Bot.sln not found)");
    }

    private static async Task<double> ClockTicksAsync()
    {
        var text = await RunAsync("getconf", "CLK_TCK");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
    }

    private static async Task<string> CommitAsync(string root)
    {
        var commit = await RunAsync("git", $"-C {root} rev-parse --short HEAD");
        var dirty = await RunAsync("git", $"-C {root} status --porcelain --untracked-files=no");
        return string.IsNullOrEmpty(commit) ? "unknown" : commit + (string.IsNullOrEmpty(dirty) ? "" : "+uncommitted");
    }

    private static async Task<string> RunAsync(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output.Trim() : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
