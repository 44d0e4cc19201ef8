using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>
/// The real bot (real Program, auth, EF Core on the given database) with a fake clock, for the records tests.
/// Requests go through the in-process test server, which has no remote address unless one is set.
/// </summary>
public sealed class RecordsHost : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;
    private readonly string _directory = Directory.CreateTempSubdirectory("infosharing-records-").FullName;

    public RecordsHost(RecordsDatabase database, IDictionary<string, string?>? settings = null, string environment = "Development")
    {
        ArgumentNullException.ThrowIfNull(database);
        Environment = environment;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:SqlitePath"] = Path.Combine(_directory, "bot.db"),
            ["Connector:AllowLoopback"] = "true",
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Outbox:FirstRetryDelay"] = "00:00:00.050",
            ["Approvals:UseTeamRoster"] = "false",
        };
        if (environment != "Development")
        {
            _settings["Policy:Path"] = Policy.ProductionPolicy.Path; // the shipped contacts are placeholders, refused outside Development
        }

        foreach (var (k, v) in database.Settings)
        {
            _settings[k] = v;
        }

        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            _settings[k] = v;
        }
    }

    public string Environment { get; }

    /// <summary>The storage settings this host uses (for the command line run against the same database).</summary>
    public IReadOnlyDictionary<string, string?> StorageSettings =>
        _settings.Where(s => s.Key.StartsWith("Storage:", StringComparison.OrdinalIgnoreCase)).ToDictionary(s => s.Key, s => s.Value);

    public FakeTimeProvider Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? authorization, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return await CreateClient().SendAsync(request);
    }

    /// <summary>A GET through the test server with the connection's remote address set (null: as the test server leaves it).</summary>
    public Task<HttpContext> GetFromAsync(string path, IPAddress? remote) =>
        Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            var query = path.IndexOf('?', StringComparison.Ordinal);
            c.Request.Path = query < 0 ? path : path[..query];
            c.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
            c.Connection.RemoteIpAddress = remote;
        });

    /// <summary>A GET from loopback (the Development fallback's condition), returning status and body.</summary>
    public async Task<(int Status, string Body)> GetLocalAsync(string path)
    {
        var context = await GetFromAsync(path, IPAddress.Loopback);
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    public async Task<HttpResponseMessage> PostActivityAsync(JsonObject activity)
    {
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        return await CreateClient().PostAsync("/api/messages", content);
    }

    public async Task<T> QueryAsync<T>(Func<BotDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    public Task<List<AuditEntryRow>> AuditAsync() =>
        QueryAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());

    public async Task WaitUntilAsync(Func<BotDbContext, Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (await QueryAsync(condition))
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("not reached: " + what);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
