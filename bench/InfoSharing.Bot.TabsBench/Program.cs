using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.TabsBench;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The tabs' server time over N records (default 10,000), measured through the real bot:
//   dotnet run -c Release --project bench/InfoSharing.Bot.TabsBench [-- --records 10000 --runs 15 --seed-only PATH]
// Seeds a fresh SQLite file through the bot's own migrations, starts the built bot (src/InfoSharing.Bot/bin/Release)
// in Development on loopback with no Entra ID (the tabs then answer loopback, as the records API does), and times each
// tab request: the server's own figure (Server-Timing app;dur) and the wall time seen here. Prints a table, writes
// artifacts/bench/tabs.json, and exits 1 when a median server time is 1 s or more.
var records = Arg("--records", 10_000);
var runs = Arg("--runs", 15);
var seedOnly = Value("--seed-only");
var root = FindRoot();
var work = Directory.CreateTempSubdirectory("tabs-bench-").FullName;
var dbPath = seedOnly ?? Path.Combine(work, "bot.db");

var seedClock = Stopwatch.StartNew();
await SeedAsync(dbPath, records);
Console.WriteLine($"seeded {records:N0} records in {seedClock.Elapsed.TotalSeconds:0.0} s ({dbPath})");
if (seedOnly is not null)
{
    return 0;
}

var botDir = Path.Combine(root, "src", "InfoSharing.Bot", "bin", "Release", "net10.0");
var port = FreePort();
var start = new ProcessStartInfo("dotnet") { WorkingDirectory = botDir, RedirectStandardOutput = true, RedirectStandardError = true };
start.ArgumentList.Add(Path.Combine(botDir, "InfoSharing.Bot.dll"));
start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
start.ArgumentList.Add($"--Storage:SqlitePath={dbPath}");
start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
using var bot = Process.Start(start) ?? throw new InvalidOperationException("the bot did not start");
bot.OutputDataReceived += (_, _) => { };
bot.ErrorDataReceived += (_, _) => { };
bot.BeginOutputReadLine();
bot.BeginErrorReadLine();
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
try
{
    await WaitReadyAsync(http);
    string[] paths =
    [
        "/tabs/api/records",
        "/tabs/api/records?page=150",
        "/tabs/api/records?status=approved&matterType=prevent",
        "/tabs/api/records?purpose=prevent-referral&from=2026-10-01",
        "/tabs/api/records?q=ISR-2026-0512",
        "/tabs/api/records?requester=Practitioner%2042",
        "/tabs/api/statistics",
        "/tabs/api/approvals",
    ];
    var results = new JsonArray();
    Console.WriteLine($"{"request",-62} {"server median",14} {"server max",11} {"wall median",12}   ({runs} runs after 2 warm-ups; ms)");
    var worst = 0.0;
    foreach (var path in paths)
    {
        var server = new List<double>();
        var wall = new List<double>();
        for (var i = 0; i < runs + 2; i++)
        {
            var t = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
            t.Stop();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
            }

            if (i < 2)
            {
                continue;
            }

            wall.Add(t.Elapsed.TotalMilliseconds);
            server.Add(ServerTime(response.Headers));
            _ = bytes;
        }

        var median = Median(server);
        worst = Math.Max(worst, median);
        Console.WriteLine($"{path,-62} {median,14:0.0} {server.Max(),11:0.0} {Median(wall),12:0.0}");
        results.Add(new JsonObject { ["path"] = path, ["serverMedianMs"] = Math.Round(median, 1), ["serverMaxMs"] = Math.Round(server.Max(), 1), ["wallMedianMs"] = Math.Round(Median(wall), 1) });
    }

    var report = new JsonObject { ["records"] = records, ["runs"] = runs, ["cores"] = Environment.ProcessorCount, ["requests"] = results };
    var output = Path.Combine(root, "artifacts", "bench");
    Directory.CreateDirectory(output);
    await File.WriteAllTextAsync(Path.Combine(output, "tabs.json"), report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine(worst < 1000 ? $"ok: every median server time under 1 s (worst {worst:0.0} ms)" : $"FAIL: a median server time of {worst:0.0} ms");
    return worst < 1000 ? 0 : 1;
}
finally
{
    bot.Kill(entireProcessTree: true);
    await bot.WaitForExitAsync();
    Directory.Delete(work, recursive: true);
}

static async Task SeedAsync(string path, int count)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.Configuration["Storage:SqlitePath"] = path;
    builder.Services.AddBotStorage(builder.Configuration, builder.Environment);
    using var host = builder.Build();
    await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
    await RecordSeeder.SeedAsync(db, count, TimeProvider.System.GetUtcNow().UtcDateTime, CancellationToken.None);
}

static async Task WaitReadyAsync(HttpClient http)
{
    for (var i = 0; i < 300; i++)
    {
        try
        {
            if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(200);
    }

    throw new TimeoutException("the bot was not ready in 60 s");
}

static double ServerTime(HttpResponseHeaders headers) =>
    headers.TryGetValues("Server-Timing", out var values) && values.First().Split("dur=") is [_, var dur]
        ? double.Parse(dur, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException("no Server-Timing header");

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "InfoSharing.Bot.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("InfoSharing.Bot.sln not found above " + AppContext.BaseDirectory);
}

int Arg(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? Value(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
