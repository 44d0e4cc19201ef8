using System.Globalization;
using System.Text;
using System.Text.Json;

namespace InfoSharing.Bot.Bench;

/// <summary>The whole run: where and what was measured, one result per shape; rendered as a table and as JSON.</summary>
public sealed record BenchReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public required string Commit { get; init; }
    public required DateTimeOffset At { get; init; }
    public required int ProcessorCount { get; init; }
    public required string Storage { get; init; }
    public required string Command { get; init; }
    public required IReadOnlyList<ShapeResult> Shapes { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToTable()
    {
        var rows = new List<(string Name, Func<ShapeResult, string> Value)>
        {
            ("users / pause", r => r.PauseSpread > 0 ? $"{r.Users} / {r.PauseMs} ms ± {r.PauseSpread:P0}" : $"{r.Users} / {r.PauseMs} ms"),
            ("measured", r => F(r.MeasuredSeconds, "0.0") + " s"),
            ("turns/s (messages + invokes)", r => F(r.TurnsPerSecond, "0")),
            ("  message turns/s", r => F(r.MessageTurnsPerSecond, "0")),
            ("turn p50 / p95 / p99 / max (ms)", r => Lat(r.TurnLatencyMs)),
            ("approve invoke p50 / p95 / p99 / max (ms)", r => Lat(r.InvokeLatencyMs)),
            ("turns in flight at each send p50 / p95 / p99 / max", r => Count(r.TurnsInFlightAtSend)),
            ("  bot's own time per request p50 / p95 / p99 / max (ms)", r => r.ServerRequestMs is { } s ? Lat(s) : "(--server-timing on)"),
            ("bot CPU per turn (ms)", r => F(r.BotCpuMsPerTurn, "0.000")),
            ("  of which JIT compiling (ms)", r => F(r.JitMsPerTurn, "0.000")),
            ("allocated per turn (KB)", r => F(r.AllocatedKbPerTurn, "0.0")),
            ("GC pauses in the window: count (gen 2) / total / max (ms)", r => $"{r.GcPauses} ({r.GcGen2}) / {F(r.GcPauseTotalMs, "0.0")} / {F(r.GcPauseMaxMs, "0.0")}"),
            ("peak working set, VmHWM (MB)", r => F(r.PeakWorkingSetMb, "0.0")),
            ("  sampled peak RSS = anonymous / JIT code / mapped files (MB)", r => r.ResidentAtPeak?.ToString() ?? "-"),
            ("peak managed heap (MB)", r => F(r.PeakManagedHeapMb, "0.0")),
            ("cold start to first answered turn (ms)", r => F(r.ColdStartMs, "0")),
            ("  bot CPU during cold start (ms)", r => F(r.ColdStartCpuMs, "0")),
            ("restart on the filled database to first answered turn (ms; CPU ms)", r => $"{F(r.RestartMs, "0")}; {F(r.RestartCpuMs, "0")}"),
            ("  JIT at start: methods / ms (to ~1 s after)", r => $"{F(r.ColdStartMethodsJitted, "0")} / {F(r.ColdStartJitMs, "0")}"),
            ("largest card (bytes)", r => $"{r.LargestCardBytes} ({r.LargestCardKind})"),
            ("largest activity (bytes)", r => r.LargestActivityBytes.ToString(CultureInfo.InvariantCulture)),
            ("requests submitted / approved / told", r => $"{r.RequestsSubmitted} / {r.RequestsApproved} / {r.PractitionersNotified}"),
            ("message turns / invokes measured", r => $"{r.MessageTurns} / {r.Invokes}"),
            ("machine load average, start → end", r => r.LoadAverage),
            ("errors", r => r.Errors == 0 ? "0" : $"{r.Errors}: " + string.Join("; ", r.ErrorReasons.Select(e => $"{e.Key} x{e.Value}"))),
            ("CEILING (bare ASP.NET Core, same shape)", _ => ""),
            ("  turns/s", r => r.Ceiling is { } c ? F(c.TurnsPerSecond, "0") : "-"),
            ("  turn p50 / p95 / p99 / max (ms)", r => r.Ceiling is { } c ? Lat(c.TurnLatencyMs) : "-"),
            ("  turns in flight at each send p50 / p95 / p99 / max", r => r.Ceiling is { } c ? Count(c.TurnsInFlightAtSend) : "-"),
            ("  CPU per turn (ms)", r => r.Ceiling is { } c ? F(c.CpuMsPerTurn, "0.000") : "-"),
            ("  peak working set (MB)", r => r.Ceiling is { } c ? F(c.PeakWorkingSetMb, "0.0") : "-"),
            ("    sampled peak RSS = anonymous / JIT code / mapped files (MB)", r => r.Ceiling?.ResidentAtPeak?.ToString() ?? "-"),
            ("  cold start (ms; CPU ms)", r => r.Ceiling is { } c ? $"{F(c.ColdStartMs, "0")}; {F(c.ColdStartCpuMs, "0")}" : "-"),
            ("  load average; errors", r => r.Ceiling is { } c ? $"{c.LoadAverage}; {c.Errors}" : "-"),
            ("BOT ÷ CEILING", _ => ""),
            ("  CPU per turn (x)", r => r.VsCeiling is { } v ? F(v.CpuPerTurn, "0.00") : "-"),
            ("  turns/s (share)", r => r.VsCeiling is { } v ? F(v.TurnsPerSecond, "0.00") : "-"),
            ("  turn p99 (x)", r => r.VsCeiling is { } v ? F(v.TurnP99, "0.00") : "-"),
            ("  invoke p99 (x ceiling turn p99)", r => r.VsCeiling is { } v ? F(v.InvokeP99, "0.00") : "-"),
            ("  peak working set (x)", r => r.VsCeiling is { } v ? F(v.PeakWorkingSet, "0.00") : "-"),
            ("  cold start (x)", r => r.VsCeiling is { } v ? F(v.ColdStart, "0.00") : "-"),
        };

        var width = rows.Max(r => r.Name.Length) + 2;
        var columns = Shapes.Select(s => Math.Max(Column(s).Length, rows.Max(r => r.Value(s).Length)) + 2).ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"InfoSharing.Bot bench: {Storage}, {ProcessorCount} cores, commit {Commit}, {At:yyyy-MM-dd HH:mm} UTC\n");
        text.Append("| ").Append("metric".PadRight(width));
        for (var i = 0; i < Shapes.Count; i++)
        {
            text.Append("| ").Append(Column(Shapes[i]).PadRight(columns[i]));
        }

        text.Append("|\n|").Append(new string('-', width + 1));
        foreach (var c in columns)
        {
            text.Append('|').Append(new string('-', c + 1));
        }

        text.Append("|\n");
        foreach (var (name, value) in rows)
        {
            text.Append("| ").Append(name.PadRight(width));
            for (var i = 0; i < Shapes.Count; i++)
            {
                text.Append("| ").Append(value(Shapes[i]).PadRight(columns[i]));
            }

            text.Append("|\n");
        }

        return text.ToString();
    }

    private static string Column(ShapeResult s) => $"{s.Shape} ({s.Storage})";

    private static string Count(LatencySummary l) => $"{l.P50:0} / {l.P95:0} / {l.P99:0} / {l.Max:0}";

    private static string Lat(LatencySummary l) => $"{F(l.P50, "0.00")} / {F(l.P95, "0.00")} / {F(l.P99, "0.00")} / {F(l.Max, "0.0")}";

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
