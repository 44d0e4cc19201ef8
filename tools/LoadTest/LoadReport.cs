using System.Globalization;
using System.Text;

namespace InfoSharing.Bot.LoadTest;

/// <summary>The figures of one run and what its checks found.</summary>
public sealed record LoadReport
{
    public required LoadOptions Options { get; init; }
    public required TimeSpan Duration { get; init; }
    public required int Turns { get; init; }
    public required int Posts { get; init; }
    public required int Redeliveries { get; init; }
    public required int RedeliveryMismatches { get; init; }
    public required IReadOnlyDictionary<string, int> Statuses { get; init; }
    public required double LatencyP50Ms { get; init; }
    public required double LatencyP95Ms { get; init; }
    public required double LatencyP99Ms { get; init; }
    public required IReadOnlyDictionary<FaultKind, int> Faults { get; init; }
    public required long ConnectorCalls { get; init; }
    public required int Kills { get; init; }
    public required int JourneysStarted { get; init; }
    public required int SubmissionsAcknowledged { get; init; }
    public required int DecisionsAcknowledged { get; init; }
    public required int RequestsStored { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }
    public required IReadOnlyDictionary<string, int> Outbox { get; init; }
    public required int LostSubmissions { get; init; }
    public required int LostDecisions { get; init; }
    public required int DuplicateRequests { get; init; }
    public required int DoubleDecisions { get; init; }
    public required int DuplicateMessages { get; init; }
    public required int InvisibleFailures { get; init; }
    public required int ServerErrors { get; init; }
    public required int TurnFailures { get; init; }
    /// <summary>fail:/crit: lines in the bot logs (a normal run has none).</summary>
    public int FailureLogLines { get; init; }

    public double TurnsPerSecond => Duration.TotalSeconds > 0 ? Turns / Duration.TotalSeconds : 0;

    public bool Passed => Problems.Count == 0;

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"turns {Turns} ({Posts} posts incl. {Redeliveries} redeliveries and retries), {Options.Conversations} conversations, fault rate {Options.FaultRate:P1}, seed {Options.Seed}");
        s.AppendLine(c, $"duration {Duration.TotalSeconds:F1} s, {TurnsPerSecond:F1} turns/s, latency p50 {LatencyP50Ms:F0} ms, p95 {LatencyP95Ms:F0} ms, p99 {LatencyP99Ms:F0} ms");
        s.AppendLine(c, $"bot answers: {string.Join(", ", Statuses.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}: {k.Value}"))}");
        s.AppendLine(c, $"connector calls {ConnectorCalls}, faults injected {Faults.Values.Sum()} ({string.Join(", ", Faults.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))})");
        s.AppendLine(c, $"SIGKILLs {Kills}; journeys {JourneysStarted}; submissions acknowledged {SubmissionsAcknowledged}, requests stored {RequestsStored}; decisions acknowledged {DecisionsAcknowledged}");
        s.AppendLine(c, $"outbox: {string.Join(", ", Outbox.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}");
        s.AppendLine(c, $"lost submissions {LostSubmissions}, lost decisions {LostDecisions}, duplicate requests {DuplicateRequests}, decisions made twice {DoubleDecisions}, messages accepted twice {DuplicateMessages}, failures not audited/visible {InvisibleFailures}, HTTP 500 {ServerErrors}, turns failed inside the bot {TurnFailures}, fail:/crit: log lines {FailureLogLines}, redelivery answers that differed {RedeliveryMismatches}");
        s.Append(Passed ? "RESULT: PASS" : "RESULT: FAIL\n  " + string.Join("\n  ", Problems));
        return s.ToString();
    }
}
