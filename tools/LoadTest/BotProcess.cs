using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InfoSharing.Bot.LoadTest;

/// <summary>
/// The built bot (<c>InfoSharing.Bot.dll</c> beside this assembly) as a real child process on 127.0.0.1, so a run can
/// SIGKILL it and start it again on the same database and port. Its output goes to a log file.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _logPath;
    private readonly Lock _logGate = new();
    private Process? _process;

    public BotProcess(IReadOnlyDictionary<string, string> settings, string logPath)
    {
        _settings = settings;
        _logPath = logPath;
        Port = FreePort();
    }

    public int Port { get; }

    /// <summary>Where the bot's console output goes.</summary>
    public string LogPath => _logPath;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public int Starts { get; private set; }

    public int Kills { get; private set; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The child's working directory (default: its own folder); the bot must not depend on it.</summary>
    public string WorkingDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>Command-line arguments after the assembly (e.g. <c>--check-config</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public static string BotAssembly => Path.Combine(AppContext.BaseDirectory, "InfoSharing.Bot.dll");

    /// <summary>Runs the bot until it exits by itself (a start-up refusal, <c>--check-config</c>); its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunToExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Process.Start(StartInfo()) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"The bot did not exit within {timeout}; output so far:\n{output}");
        }

        process.WaitForExit(); // the last output lines
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }

        void Collect(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.Append(line).Append('\n');
                }

                Log(line);
            }
        }
    }

    /// <summary>Starts the bot and waits (at most <paramref name="timeout"/>) until <c>/health/ready</c> answers 200.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!File.Exists(BotAssembly))
        {
            throw new FileNotFoundException("The bot's build output is not beside the load tool.", BotAssembly);
        }

        var process = Process.Start(StartInfo()) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with {process.ExitCode} while starting; see {_logPath}.");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // slow start
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The bot was not ready within {timeout}; see {_logPath}.");
    }

    private ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BotAssembly);
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Urls"] = BaseAddress.AbsoluteUri.TrimEnd('/'); // beats the appsettings "Urls"
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            Log("--- SIGKILL ---");
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
            Kills++;
        }
    }

    /// <summary>The whole log of a process that ended by itself (a crash point's SIGKILL): waits for its exit and for its
    /// last output lines, which are read asynchronously and may reach the log after <see cref="IsRunning"/> turns false.</summary>
    public async Task<string> ExitedLogAsync(CancellationToken cancellationToken)
    {
        if (_process is { } process)
        {
            await process.WaitForExitAsync(cancellationToken); // with async reading, also waits for the streams' end
        }

        lock (_logGate)
        {
            return File.ReadAllText(_logPath);
        }
    }

    /// <summary>A normal stop (SIGTERM), waiting for the host to shut down.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            File.AppendAllText(_logPath, line + "\n", Encoding.UTF8);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }
}
