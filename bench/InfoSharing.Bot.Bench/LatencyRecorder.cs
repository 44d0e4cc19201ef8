namespace InfoSharing.Bot.Bench;

/// <summary>Latency samples in milliseconds, thread-safe; percentiles by nearest rank.</summary>
public sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<double> _samples = [];

    public void Add(double milliseconds)
    {
        lock (_lock)
        {
            _samples.Add(milliseconds);
        }
    }

    public LatencySummary Summarise()
    {
        double[] sorted;
        lock (_lock)
        {
            sorted = [.. _samples];
        }

        Array.Sort(sorted);
        double At(double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Round(At(0.50)), Round(At(0.95)), Round(At(0.99)), Round(sorted.Length == 0 ? 0 : sorted[^1]),
            Round(sorted.Length == 0 ? 0 : sorted.Average()));
    }

    private static double Round(double v) => Math.Round(v, 2);
}

/// <summary>Count and percentiles of one kind of latency, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max, double Mean);
