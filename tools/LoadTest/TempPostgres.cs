using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace InfoSharing.Bot.LoadTest;

/// <summary>
/// A throw-away PostgreSQL cluster on 127.0.0.1 for one run (<c>--postgres auto</c>): initdb into a temp folder, pg_ctl
/// start on a free port, removed at the end. Runs the tools as the <c>postgres</c> user when this process is root.
/// </summary>
public sealed class TempPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asPostgres = Environment.UserName == "root";

    private TempPostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database=infosharing;Pooling=true;Timeout=5;Command Timeout=30");

    public static async Task<TempPostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("--postgres auto needs the PostgreSQL server binaries (apt-get install postgresql).");
        }

        var root = Directory.CreateTempSubdirectory("infosharing-load-pg-").FullName;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new TempPostgres(bin, root, port);
        if (server._asPostgres)
        {
            await RunAsync("chown", $"-R postgres {root}");
        }

        var data = Path.Combine(root, "data");
        await server.PgAsync("initdb", $"-D {data} -U postgres --auth=trust --no-sync -E UTF8");
        await server.PgAsync("pg_ctl", $"-D {data} -w -t 30 -l {data}/server.log -o \"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c max_connections=300\" start");
        await server.PgAsync("createdb", $"-h 127.0.0.1 -p {port} -U postgres infosharing");
        return server;
    }

    private Task PgAsync(string tool, string arguments) => _asPostgres
        ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_bin, tool)} {arguments}")
        : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        }) ?? throw new InvalidOperationException(file + " did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", $"-D {Path.Combine(_root, "data")} -m immediate stop");
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            // a temp folder: left to the OS
        }
    }
}
