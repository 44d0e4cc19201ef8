using System.Globalization;

namespace InfoSharing.Bot.Bench;

/// <summary>What the resident set was made of when it was largest: anonymous memory (the GC heap, native allocations,
/// stacks), the JIT's code (the runtime's <c>memfd:doublemapper</c> mapping) and mapped files (assemblies and libraries).</summary>
public sealed record ResidentSet(double TotalMb, double AnonymousMb, double JitCodeMb, double FilesMb)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{TotalMb:0} = {AnonymousMb:0} / {JitCodeMb:0} / {FilesMb:0}");
}

/// <summary>
/// Reads a process's <c>VmRSS</c> every quarter second and, at each new largest value, what it is made of from
/// <c>/proc/&lt;pid&gt;/smaps</c>: the profile behind the peak working set figure.
/// </summary>
public sealed class ResidentSetSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly BotProcess _process;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _largestKiB;

    public ResidentSetSampler(BotProcess process)
    {
        _process = process;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The breakdown at the largest resident set sampled so far; null before the first sample.</summary>
    public ResidentSet? AtPeak { get; private set; }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                var (_, rss) = _process.Memory();
                if (rss > _largestKiB)
                {
                    _largestKiB = rss;
                    AtPeak = Read(_process.Id) ?? AtPeak;
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            // the process exited, or the sampler was stopped
        }
    }

    /// <summary>One reading of <c>/proc/&lt;pid&gt;/smaps</c>, each mapping's <c>Rss</c> by what is mapped.</summary>
    public static ResidentSet? Read(int processId)
    {
        long anonymous = 0, jit = 0, files = 0;
        var kind = 0; // 0 anonymous, 1 JIT code, 2 file
        foreach (var line in File.ReadLines($"/proc/{processId}/smaps"))
        {
            if (line.Length > 0 && char.IsAsciiHexDigit(line[0]) && line.IndexOf('-') is > 0 and var dash && dash < line.IndexOf(' '))
            {
                // "start-end perms offset dev inode   path": the path is the sixth field, if any
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                var path = fields.Length == 6 ? fields[5] : "";
                kind = path.Contains("doublemapper", StringComparison.Ordinal) ? 1 : path.StartsWith('/') ? 2 : 0;
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                var kib = BotProcess.Kib(line);
                switch (kind)
                {
                    case 1: jit += kib; break;
                    case 2: files += kib; break;
                    default: anonymous += kib; break;
                }
            }
        }

        var total = anonymous + jit + files;
        return total == 0 ? null : new ResidentSet(Mb(total), Mb(anonymous), Mb(jit), Mb(files));
    }

    private static double Mb(long kib) => Math.Round(kib / 1024.0, 1);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
