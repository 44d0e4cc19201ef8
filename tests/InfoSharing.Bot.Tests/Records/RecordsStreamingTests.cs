using System.Net;
using System.Text;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>
/// The CSV export of 10,000 large records streams: while it is read, the live managed heap stays within a bound far
/// below the export's size (an export built in memory, or records loaded all at once, would hold it all). Speed is
/// not asserted. Run on SQLite and PostgreSQL, alone (see <see cref="RecordsMemoryCollection"/>).
/// </summary>
public abstract class RecordsStreamingTests : IAsyncLifetime
{
    private const int Count = 10_000;
    private const long MinimumExportBytes = 60L * 1024 * 1024;
    private const long LiveHeapBound = 40L * 1024 * 1024;
    private EntraIssuer? _issuer;

    protected abstract Task<RecordsDatabase> DatabaseAsync();

    public async ValueTask InitializeAsync() => _issuer = await EntraIssuer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }

    [Fact]
    public async Task Csv_TenThousandLargeRecords_StreamsWithinBoundedMemory()
    {
        var issuer = _issuer!;
        await using var host = new RecordsHost(await DatabaseAsync(), issuer.HostSettings());
        await SeedAsync(host);
        var authorization = EntraIssuer.Bearer(issuer.Token(host.Clock.GetUtcNow(), "Records.Read"));

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        using var response = await host.GetAsync("/records/export.csv", authorization);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);

        var buffer = new byte[64 * 1024];
        long total = 0;
        long nextSample = 0;
        long peak = 0;
        var rows = 0;
        var tail = string.Empty;
        int read;
        while ((read = await body.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
        {
            total += read;
            var text = tail + Encoding.ASCII.GetString(buffer, 0, read);
            rows += Occurrences(text, "\r\nISR-") - Occurrences(tail, "\r\nISR-");
            tail = text[^Math.Min(8, text.Length)..];
            if (total >= nextSample)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                nextSample += 4 * 1024 * 1024;
            }
        }

        Assert.Equal(Count, rows);
        Assert.True(total > MinimumExportBytes, $"the export is only {total / 1024 / 1024} MB; the bound means nothing then");
        Assert.True(peak < LiveHeapBound, $"live heap grew by {peak / 1024 / 1024} MB while streaming a {total / 1024 / 1024} MB export");
    }

    /// <summary>10,000 records of about 7 KB of free text each, inserted in batches.</summary>
    private static async Task SeedAsync(RecordsHost host)
    {
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        for (var batch = 0; batch < Count / 500; batch++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            for (var i = batch * 500; i < (batch + 1) * 500; i++)
            {
                var filler = string.Concat(Enumerable.Repeat($"record {i} item list; ", 160)); // ~3.5 KB, different per record
                var submission = RecordSeeds.Submission($"CS-{i:000000}", i % 2 == 0 ? "prevent" : "safeguarding-child", start.AddMinutes(i),
                    "Items: " + filler, "Outcome: " + filler);
                db.Requests.Add(RecordSeeds.Row($"ISR-2026-{i + 1:00000}", submission));
            }

            await db.SaveChangesAsync();
        }
    }

    private static int Occurrences(string text, string value)
    {
        var n = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}

[Collection(RecordsMemoryCollection.Name)]
public sealed class SqliteRecordsStreamingTests : RecordsStreamingTests
{
    protected override Task<RecordsDatabase> DatabaseAsync() => Task.FromResult(RecordsDatabase.Sqlite);
}

[Collection(RecordsMemoryCollection.Name)]
public sealed class PostgresRecordsStreamingTests(PostgresServer server) : RecordsStreamingTests
{
    protected override Task<RecordsDatabase> DatabaseAsync() => RecordsDatabase.PostgresAsync(server);
}
