namespace InfoSharing.Bot.Bench;

/// <summary>The figures of one load shape (serialised into the JSON report).</summary>
public sealed record ShapeResult
{
    public required string Shape { get; init; }

    /// <summary>The bot's database: sqlite (WAL) or postgres (fsync on).</summary>
    public string Storage { get; init; } = "sqlite";
    public required int Users { get; init; }
    public required int PauseMs { get; init; }

    /// <summary>Each pause is drawn uniformly from PauseMs × (1 ± PauseSpread).</summary>
    public double PauseSpread { get; init; }
    public required double MeasuredSeconds { get; init; }
    public required long MessageTurns { get; init; }
    public required long Invokes { get; init; }
    public required double TurnsPerSecond { get; init; }
    public required double MessageTurnsPerSecond { get; init; }
    public required LatencySummary TurnLatencyMs { get; init; }
    public required LatencySummary InvokeLatencyMs { get; init; }

    /// <summary>Practitioners' turns in flight when each measured turn was sent (its own included): how bunched the load arrived.</summary>
    public required LatencySummary TurnsInFlightAtSend { get; init; }

    /// <summary>With <c>--server-timing on</c>: the bot's own time per <c>/api/messages</c> request (its request log), turns and invokes.</summary>
    public LatencySummary? ServerRequestMs { get; init; }
    public required double BotCpuMsPerTurn { get; init; }

    /// <summary>Of that, the JIT's share (the <c>time-in-jit</c> counter): large while a young process still compiles.</summary>
    public required double JitMsPerTurn { get; init; }
    public required double AllocatedKbPerTurn { get; init; }

    /// <summary>The bot's GC pauses in the window (runtime GC events): count, of which gen 2, total and longest (ms).</summary>
    public int GcPauses { get; init; }
    public int GcGen2 { get; init; }
    public double GcPauseTotalMs { get; init; }
    public double GcPauseMaxMs { get; init; }
    public required double PeakWorkingSetMb { get; init; }
    /// <summary>The resident set at its largest sampled value, by kind (null if it could not be read).</summary>
    public ResidentSet? ResidentAtPeak { get; init; }
    public required double PeakManagedHeapMb { get; init; }
    public required double ColdStartMs { get; init; }

    /// <summary>The bot's CPU time (user + system) from its start to the first answered turn.</summary>
    public required double ColdStartCpuMs { get; init; }

    /// <summary>After the load, the bot SIGKILLed and started again on the same database: start → first answered turn, and its CPU.</summary>
    public double RestartMs { get; init; }
    public double RestartCpuMs { get; init; }

    /// <summary>Methods the JIT compiled, and its time, from the start to just after the first turn (counters' first sample).</summary>
    public double ColdStartMethodsJitted { get; init; }
    public double ColdStartJitMs { get; init; }
    public required long LargestCardBytes { get; init; }
    public required string LargestCardKind { get; init; }
    public required long LargestActivityBytes { get; init; }
    public required long RequestsSubmitted { get; init; }
    public required long RequestsApproved { get; init; }
    public required long PractitionersNotified { get; init; }
    public required long ApprovalCardsPosted { get; init; }
    public required long ApprovalCardUpdates { get; init; }
    public required long RosterCalls { get; init; }
    public required long BotWarningLines { get; init; }

    /// <summary>fail/crit lines the bot logged before its first turn was answered (not counted as errors; see the log).</summary>
    public required long BotStartupErrorLines { get; init; }
    /// <summary>/proc/loadavg (1 min) when the shape started and ended: other work on the machine shares its cores.</summary>
    public required string LoadAverage { get; init; }
    public required long Errors { get; init; }
    public required IReadOnlyDictionary<string, int> ErrorReasons { get; init; }

    /// <summary>The ceiling target's figures for the same shape in the same run (null with <c>--ceiling off</c>).</summary>
    public CeilingResult? Ceiling { get; init; }

    /// <summary>The bot's figures as multiples of the ceiling's.</summary>
    public CeilingRatios? VsCeiling { get; init; }
}
