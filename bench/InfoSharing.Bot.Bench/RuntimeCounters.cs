using System.Diagnostics;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace InfoSharing.Bot.Bench;

/// <summary>
/// The bot's <c>System.Runtime</c> counters over EventPipe (what dotnet-counters reads): the managed heap size and the
/// bytes allocated per one-second interval, each interval stamped with the time it was received; and every GC's pause
/// (the runtime's GC events: execution suspended → restarted), with the generation it collected.
/// </summary>
public sealed class RuntimeCounters : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly Task _reader;
    private readonly Lock _lock = new();
    private readonly List<(long At, double Bytes)> _allocations = [];
    private readonly List<(long At, double Ms)> _jit = [];
    private readonly Dictionary<string, long> _sampledTypes = new(StringComparer.Ordinal);
    private readonly List<(long At, double Ms, int Generation)> _pauses = [];
    private double? _suspendedAt;
    private int _generation;
    private double _peakHeapMb;
    private double _peakWorkingSetMb;
    private double? _firstJitMs;
    private double? _firstMethodsJitted;

    private RuntimeCounters(EventPipeSession session)
    {
        _session = session;
        _reader = Task.Run(Read);
    }

    /// <param name="processId">The bot.</param>
    /// <param name="allocationTypes">Also sample allocations by type (GC AllocationTick, one event per ~100 KB): a profile.</param>
    public static RuntimeCounters Start(int processId, bool allocationTypes = false)
    {
        var client = new DiagnosticsClient(processId);
        var providers = new List<EventPipeProvider>
        {
            new("System.Runtime", EventLevel.Informational, 0, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" }),
        };
        // The GC keyword (0x1): a few events per collection at Informational; Verbose adds the allocation ticks.
        providers.Add(new EventPipeProvider("Microsoft-Windows-DotNETRuntime", allocationTypes ? EventLevel.Verbose : EventLevel.Informational, 0x1));

        return new RuntimeCounters(client.StartEventPipeSession(providers, requestRundown: false));
    }

    /// <summary>The sampled allocations by type, largest first (with allocation sampling on).</summary>
    public IReadOnlyList<(string Type, long Bytes)> SampledTypes()
    {
        lock (_lock)
        {
            return [.. _sampledTypes.OrderByDescending(t => t.Value).Select(t => (t.Key, t.Value))];
        }
    }

    /// <summary>Peak GC heap size (MB, <c>gc-heap-size</c>) seen so far.</summary>
    public double PeakHeapMb
    {
        get
        {
            lock (_lock)
            {
                return _peakHeapMb;
            }
        }
    }

    public double PeakWorkingSetMb
    {
        get
        {
            lock (_lock)
            {
                return _peakWorkingSetMb;
            }
        }
    }

    public int Intervals
    {
        get
        {
            lock (_lock)
            {
                return _allocations.Count;
            }
        }
    }

    /// <summary>
    /// The JIT's work before the session attached (just after the first answered turn): the first <c>time-in-jit</c>
    /// increment (ms since the process started) and the first <c>methods-jitted-count</c> (a running total).
    /// </summary>
    public (double Ms, double Methods) JitAtAttach
    {
        get
        {
            lock (_lock)
            {
                return (_firstJitMs ?? 0, _firstMethodsJitted ?? 0);
            }
        }
    }

    /// <summary>Bytes allocated in the intervals received between two timestamps (one-second resolution).</summary>
    public double AllocatedBetween(long from, long to)
    {
        lock (_lock)
        {
            return _allocations.Where(a => a.At > from && a.At <= to).Sum(a => a.Bytes);
        }
    }

    /// <summary>The GC pauses received between two timestamps: how many (of them gen 2), their total and the longest (ms).</summary>
    public (int Count, int Gen2, double TotalMs, double MaxMs) PausesBetween(long from, long to)
    {
        lock (_lock)
        {
            var pauses = _pauses.Where(p => p.At > from && p.At <= to).ToList();
            return (pauses.Count, pauses.Count(p => p.Generation == 2), pauses.Sum(p => p.Ms), pauses.Count == 0 ? 0 : pauses.Max(p => p.Ms));
        }
    }

    /// <summary>Milliseconds the JIT spent compiling in the intervals received between two timestamps.</summary>
    public double JitMsBetween(long from, long to)
    {
        lock (_lock)
        {
            return _jit.Where(a => a.At > from && a.At <= to).Sum(a => a.Ms);
        }
    }

    private void Read()
    {
        using var source = new EventPipeEventSource(_session.EventStream);
        source.Dynamic.All += OnEvent;
        source.Clr.GCAllocationTick += tick =>
        {
            lock (_lock)
            {
                var type = tick.TypeName ?? "?";
                _sampledTypes[type] = _sampledTypes.GetValueOrDefault(type) + tick.AllocationAmount64;
            }
        };
        source.Clr.GCSuspendEEStart += e =>
        {
            lock (_lock)
            {
                _suspendedAt = e.TimeStampRelativeMSec;
            }
        };
        source.Clr.GCStart += e =>
        {
            lock (_lock)
            {
                _generation = e.Depth;
            }
        };
        source.Clr.GCRestartEEStop += e =>
        {
            lock (_lock)
            {
                if (_suspendedAt is { } at)
                {
                    _pauses.Add((Stopwatch.GetTimestamp(), e.TimeStampRelativeMSec - at, _generation));
                    _suspendedAt = null;
                    _generation = 0;
                }
            }
        };
        try
        {
            source.Process();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
        {
            // the bot went away
        }
    }

    private void OnEvent(TraceEvent data)
    {
        if (data.EventName != "EventCounters" || data.PayloadValue(0) is not IDictionary<string, object> outer
            || outer.TryGetValue("Payload", out var inner) is false || inner is not IDictionary<string, object> payload)
        {
            return;
        }

        var name = payload.TryGetValue("Name", out var n) ? n as string : null;
        lock (_lock)
        {
            switch (name)
            {
                case "gc-heap-size":
                    _peakHeapMb = Math.Max(_peakHeapMb, Convert.ToDouble(payload["Mean"], System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case "working-set":
                    _peakWorkingSetMb = Math.Max(_peakWorkingSetMb, Convert.ToDouble(payload["Mean"], System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case "time-in-jit":
                    var jitMs = Convert.ToDouble(payload["Increment"], System.Globalization.CultureInfo.InvariantCulture);
                    _firstJitMs ??= jitMs;
                    _jit.Add((Stopwatch.GetTimestamp(), jitMs));
                    break;
                case "methods-jitted-count":
                    _firstMethodsJitted ??= Convert.ToDouble(payload["Mean"], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "alloc-rate":
                    _allocations.Add((Stopwatch.GetTimestamp(), Convert.ToDouble(payload["Increment"], System.Globalization.CultureInfo.InvariantCulture)));
                    break;
            }
        }
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _session.Stop();
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or IOException or TimeoutException)
        {
            // the bot already exited
        }

        await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(5)));
        _session.Dispose();
    }
}
