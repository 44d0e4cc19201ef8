using System.Collections.Concurrent;
using System.Diagnostics;

namespace InfoSharing.Bot.Bench;

/// <summary>
/// The shared state of one shape's run: when measuring starts and load stops, the latency samples and counts inside the
/// measured window, the submitted and decided requests, and every error with its reason.
/// </summary>
public sealed class LoadRun(long warmupEnds, long? deadline, int? requestLimit)
{
    private int _requestsStarted;
    private int _inFlight;
    private long _loadEnded;

    public long WarmupEnds { get; } = warmupEnds;

    public LatencyRecorder Turns { get; } = new();
    public LatencyRecorder Invokes { get; } = new();

    /// <summary>How many practitioners' turns were already waiting for the bot when each measured turn was sent (its own included).</summary>
    public LatencyRecorder InFlightAtSend { get; } = new();

    public long TurnsMeasured;
    public long InvokesMeasured;
    public long TurnsTotal;
    public long InvokesTotal;
    public long RequestsSubmitted;
    public long RequestsApproved;
    public long Errors;

    public ConcurrentDictionary<string, int> ErrorReasons { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the load is over: the deadline passed (seconds mode) or the load has been marked ended.</summary>
    public bool Stopping => Interlocked.Read(ref _loadEnded) != 0 || (deadline is { } d && Stopwatch.GetTimestamp() >= d);

    public long LoadEnded => Interlocked.Read(ref _loadEnded);

    public void MarkLoadEnded() => Interlocked.CompareExchange(ref _loadEnded, Stopwatch.GetTimestamp(), 0);

    /// <summary>Whether a practitioner may start another request.</summary>
    public bool TryStartRequest() => requestLimit is { } limit ? Interlocked.Increment(ref _requestsStarted) <= limit : !Stopping;

    /// <summary>A practitioner's turn is about to be sent: its start, and how many were in flight then.</summary>
    public long Sending()
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        var now = Stopwatch.GetTimestamp();
        if (now >= WarmupEnds && !Stopping)
        {
            InFlightAtSend.Add(inFlight);
        }

        return now;
    }

    /// <summary>That turn was answered (or failed).</summary>
    public void Answered() => Interlocked.Decrement(ref _inFlight);

    public void Turn(long started, long ended)
    {
        Interlocked.Increment(ref TurnsTotal);
        if (started >= WarmupEnds && (deadline is not { } d || ended <= d))
        {
            Interlocked.Increment(ref TurnsMeasured);
            Turns.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
        }
    }

    public void Invoke(long started, long ended)
    {
        Interlocked.Increment(ref InvokesTotal);
        if (started >= WarmupEnds && (deadline is not { } d || ended <= d))
        {
            Interlocked.Increment(ref InvokesMeasured);
        }

        if (started >= WarmupEnds)
        {
            Invokes.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
        }
    }

    public void Error(string reason)
    {
        Interlocked.Increment(ref Errors);
        ErrorReasons.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }
}
