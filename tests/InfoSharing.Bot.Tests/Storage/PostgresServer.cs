using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Storage;

/// <summary>
/// A throw-away PostgreSQL cluster on 127.0.0.1 for the test run: initdb into a temp folder, pg_ctl start on a free
/// port, dropped at the end. Runs as the `postgres` user when the tests run as root (initdb refuses root).
/// <see cref="SkipReason"/> is set only when no PostgreSQL binaries exist on this machine.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _dataDirectory;
    private string? _binDirectory;
    private bool _asPostgresUser;

    public string? SkipReason { get; private set; }

    public int Port { get; private set; }

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Include Error Detail=true");

    public async ValueTask InitializeAsync()
    {
        _binDirectory = FindBinDirectory();
        if (_binDirectory is null)
        {
            SkipReason = "No PostgreSQL binaries (initdb, pg_ctl) on this machine: install the postgresql package to run these tests.";
            return;
        }

        _asPostgresUser = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory("infosharing-pg-").FullName;
        _dataDirectory = Path.Combine(root, "data");
        if (_asPostgresUser)
        {
            await RunAsync("chown", $"-R postgres {root}");
        }

        Port = FreePort();
        await RunPgAsync("initdb", $"-D {_dataDirectory} -U postgres --auth=trust --no-sync -E UTF8");
        await RunPgAsync("pg_ctl", $"-D {_dataDirectory} -w -t 30 -l {_dataDirectory}/server.log -o \"-p {Port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off\" start");
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is not null && _binDirectory is not null)
        {
            await RunPgAsync("pg_ctl", $"-D {_dataDirectory} -m immediate stop", throwOnError: false);
            try
            {
                Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
            }
            catch (IOException)
            {
                // temp folder: left to the OS
            }
        }
    }

    /// <summary>Stops the server (fast shutdown: open connections are cut), as an outage would.</summary>
    public Task StopAsync() => RunPgAsync("pg_ctl", $"-D {_dataDirectory} -w -m fast stop");

    /// <summary>Starts the stopped server again on the same port and data.</summary>
    public Task StartAsync() => RunPgAsync("pg_ctl", $"-D {_dataDirectory} -w -t 30 -l {_dataDirectory}/server.log -o \"-p {Port} -c listen_addresses=127.0.0.1 -k {Path.GetDirectoryName(_dataDirectory)} -c fsync=off\" start");

    /// <summary>Creates an empty database for one test class.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await RunPgAsync("createdb", $"-h 127.0.0.1 -p {Port} -U postgres {name}");
        return ConnectionString(name);
    }

    private Task RunPgAsync(string tool, string arguments, bool throwOnError = true)
    {
        var exe = Path.Combine(_binDirectory!, tool);
        return _asPostgresUser
            ? RunAsync("runuser", $"-u postgres -- {exe} {arguments}", throwOnError)
            : RunAsync(exe, arguments, throwOnError);
    }

    private static async Task RunAsync(string file, string arguments, bool throwOnError = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        })!;
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

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
