using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace InfoSharing.Bot.Bench;

/// <summary>
/// A throw-away PostgreSQL cluster on 127.0.0.1 (as the tests start one): initdb into a temp folder, pg_ctl start on a
/// free port, stopped and deleted at the end. Runs the tools as the <c>postgres</c> user when the bench runs as root.
/// Durability settings are PostgreSQL's defaults (fsync and synchronous_commit on).
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly string _data;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string bin, string root, int port, bool asPostgresUser)
    {
        _bin = bin;
        _root = root;
        _data = Path.Combine(root, "data");
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException("no PostgreSQL binaries (initdb, pg_ctl, createdb): install the postgresql package");
        var asPostgres = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory("infosharing-bench-pg-").FullName;
        if (asPostgres)
        {
            await RunAsync("chown", $"-R postgres {root}");
        }

        var cluster = new PostgresCluster(bin, root, FreePort(), asPostgres);
        await cluster.PgAsync("initdb", $"-D {cluster._data} -U postgres --auth=trust -E UTF8");
        await cluster.PgAsync("pg_ctl", $"-D {cluster._data} -w -t 30 -l {cluster._data}/server.log -o \"-p {cluster.Port} -c listen_addresses=127.0.0.1 -k {root} -c max_connections=300\" start");
        return cluster;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await PgAsync("createdb", $"-h 127.0.0.1 -p {Port} -U postgres {name}");
        return string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Pooling=true;Maximum Pool Size=100");
    }

    public async ValueTask DisposeAsync()
    {
        await PgAsync("pg_ctl", $"-D {_data} -m immediate stop", throwOnError: false);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder: left to the OS
        }
    }

    private Task PgAsync(string tool, string arguments, bool throwOnError = true)
    {
        var exe = Path.Combine(_bin, tool);
        return _asPostgresUser ? RunAsync("runuser", $"-u postgres -- {exe} {arguments}", throwOnError) : RunAsync(exe, arguments, throwOnError);
    }

    private static async Task RunAsync(string file, string arguments, bool throwOnError = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        }) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && throwOnError)
        {
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    private static string? FindBinDirectory()
    {
        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "createdb")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
