using System.Text.RegularExpressions;
using InfoSharing.Bot.Tests.Records;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tests.Tabs;

/// <summary>
/// The Records tab's list through the real host: server-side paging (the configured page size, clamped pages),
/// the status filter and the reference search narrowing the set, and a filter the parser refuses shown as a field error.
/// </summary>
public sealed partial class TabRecordsListTests
{
    private static async Task<RecordsHost> HostAsync()
    {
        var host = new RecordsHost(RecordsDatabase.Sqlite, new Dictionary<string, string?> { ["Tabs:PageSize"] = "25" });
        var rows = Enumerable.Range(1, 60).Select(i =>
        {
            var s = RecordSeeds.Submission($"CS-{700000 + i}", "safeguarding-child", new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero).AddHours(i),
                "The latest referral summary.", "A strategy discussion can take place.");
            return RecordSeeds.Row($"ISR-2026-{i:0000}", s, i % 3 == 0 ? RequestStatus.Approved : RequestStatus.Pending);
        });
        await RecordSeeds.SeedAsync(host, rows);
        return host;
    }

    private static async Task<(int Status, string Body, string[] References)> ListAsync(RecordsHost host, string query)
    {
        var (status, body) = await host.GetLocalAsync("/tabs/api/records" + query);
        return (status, body, [.. RowReference().Matches(body).Select(m => m.Groups[1].Value)]);
    }

    [Fact]
    public async Task TheList_IsPagedOnTheServer_NewestFirst()
    {
        await using var host = await HostAsync();
        var (status, body, first) = await ListAsync(host, "");
        Assert.Equal(200, status);
        Assert.Contains("60 matching records; page 1 of 3.", body, StringComparison.Ordinal);
        Assert.Equal(25, first.Length);
        Assert.Equal("ISR-2026-0060", first[0]);
        var (_, last, third) = await ListAsync(host, "?page=3");
        Assert.Contains("page 3 of 3.", last, StringComparison.Ordinal);
        Assert.Equal([.. Enumerable.Range(1, 10).Reverse().Select(i => $"ISR-2026-{i:0000}")], third);
        var (_, beyond, clamped) = await ListAsync(host, "?page=99");
        Assert.Contains("page 3 of 3.", beyond, StringComparison.Ordinal);
        Assert.Equal(third, clamped);
    }

    [Fact]
    public async Task FiltersAndSearch_NarrowTheSet()
    {
        await using var host = await HostAsync();
        var (_, approved, rows) = await ListAsync(host, "?status=approved");
        Assert.Contains("20 matching records; page 1 of 1.", approved, StringComparison.Ordinal);
        Assert.Equal(20, rows.Length);
        Assert.All(rows, r => Assert.Equal(0, int.Parse(r[^4..], System.Globalization.CultureInfo.InvariantCulture) % 3));
        var (_, one, found) = await ListAsync(host, "?q=CS-700042");
        Assert.Contains("1 matching record; page 1 of 1.", one, StringComparison.Ordinal);
        Assert.Equal(["ISR-2026-0042"], found);
        var (_, byReference, same) = await ListAsync(host, "?q=isr-2026-0042");
        Assert.Equal(["ISR-2026-0042"], same);
        Assert.Contains("1 matching record", byReference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFilterTheParserRefuses_IsAFieldError_NotAList()
    {
        await using var host = await HostAsync();
        var (status, body, rows) = await ListAsync(host, "?status=made-up");
        Assert.Equal(200, status);
        Assert.Empty(rows);
        Assert.DoesNotContain("matching record", body, StringComparison.Ordinal);
        Assert.Contains("status must be one of", body, StringComparison.Ordinal);
    }

    [GeneratedRegex("<th scope=\"row\"><a href=\"/tabs/records/([A-Z0-9-]+)\"")]
    private static partial Regex RowReference();
}
