using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace InfoSharing.Bot.Bench;

/// <summary>
/// The real bot (or the ceiling target), started from its Release output as a child process on a free loopback port (Development, no credentials),
/// with its memory and CPU read from /proc. Its console output is drained and its warnings and errors counted.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Lock _lock = new();
    private volatile LatencyRecorder? _serverTimes;
    private ResidentSetSampler? _resident;

    private BotProcess(Process process, Uri baseAddress, long startedAt)
    {
        _process = process;
        BaseAddress = baseAddress;
        StartedAt = startedAt;
    }

    public Uri BaseAddress { get; }

    /// <summary>Stopwatch timestamp taken just before the process was started.</summary>
    public long StartedAt { get; }

    public int Id => _process.Id;

    /// <summary>
    /// From now on, records the bot's own time for each <c>/api/messages</c> request (ASP.NET Core's "Request finished"
    /// line: request in → response written, the turn's in-line replies included), as the bot logs it. Needs the bot
    /// started with <see cref="RequestLogSetting"/>.
    /// </summary>
    public void RecordServerTimes(LatencyRecorder? into) => _serverTimes = into;

    /// <summary>The setting that makes the bot log every request it finished, with its duration.</summary>
    public static KeyValuePair<string, string> RequestLogSetting => new("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information");

    public int WarningLines;
    public int ErrorLines;

    public static BotProcess Start(string botDirectory, IReadOnlyDictionary<string, string> settings, string name = "InfoSharing.Bot")
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var apphost = Path.Combine(botDirectory, name);
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(botDirectory, name + ".dll") } };
        start.WorkingDirectory = botDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.ArgumentList.Add($"--urls={url}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("the bot did not start");
        var bot = new BotProcess(process, new Uri(url + "/"), startedAt);
        bot._resident = new ResidentSetSampler(bot);
        process.OutputDataReceived += (_, e) => bot.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => bot.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What the resident set was made of at its largest sampled value (every 250 ms).</summary>
    public ResidentSet? ResidentAtPeak => _resident?.AtPeak;

    public string Tail()
    {
        lock (_lock)
        {
            return string.Join('\n', _tail);
        }
    }

    /// <summary>Peak and current resident set (VmHWM, VmRSS) in KiB.</summary>
    public (long PeakKiB, long CurrentKiB) Memory()
    {
        long peak = 0, current = 0;
        foreach (var line in File.ReadLines($"/proc/{Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kib(line);
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                current = Kib(line);
            }
        }

        return (peak, current);
    }

    /// <summary>User plus system CPU time of the process so far, in clock ticks (utime + stime of /proc/pid/stat).</summary>
    public long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    internal static long Kib(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (_serverTimes is { } times && line.Contains("Request finished", StringComparison.Ordinal) && line.Contains("/api/messages", StringComparison.Ordinal)
            && line.EndsWith("ms", StringComparison.Ordinal) && line.LastIndexOf(' ') is var space and >= 0
            && double.TryParse(line.AsSpan(space + 1, line.Length - space - 3), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            times.Add(ms);
            return;
        }

        if (line.StartsWith("warn:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref WarningLines);
        }
        else if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref ErrorLines);
        }

        lock (_lock)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 60)
            {
                _tail.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_resident is not null)
        {
            await _resident.DisposeAsync();
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
