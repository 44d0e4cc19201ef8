using System.Globalization;
using System.Text.Json;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Tabs;

/// <summary>
/// The DPO's statistics over every record, computed on the server from the columns each chart needs (one query, no
/// free text): requests per week by matter type, decisions (approved, approved in part, declined, not shared) by purpose, time from submission to decision per week
/// against the time the deadline allowed, outcomes still owed, emergency records awaiting the full record.
/// </summary>
public sealed class TabStatistics(BotDbContext db, PolicyDocument policy, TimeProvider time)
{
    public const int Weeks = 12;

    public async Task<IReadOnlyList<TabChart>> ComputeAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Requests.AsNoTracking()
            .Select(r => new Row(r.Kind, r.Status, r.MatterType, r.SubmittedAt ?? r.CreatedAt, r.DecidedAt, r.Decision, r.Deadline, r.OutcomeRecordedAt,
                r.Decision != null || r.Kind == RecordKinds.NotShared || r.Status == SafeguardingStatus.NothingShared ? r.SummaryJson : null)
            {
                InPart = r.Decision == RequestStatus.Approved && db.ApprovalActions.Any(a => a.RequestId == r.Id && a.Action == RecordActionKinds.ApprovedInPart),
            })
            .ToListAsync(cancellationToken);
        return Compute(rows, time.GetUtcNow(), policy);
    }

    /// <summary>The charts for these rows as of <paramref name="now"/> (pure, for tests).</summary>
    public static IReadOnlyList<TabChart> Compute(IReadOnlyList<Row> rows, DateTimeOffset now, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(policy);
        var weeks = WeekStarts(now);
        var labels = weeks.Select(w => w.ToString("d MMM", CultureInfo.InvariantCulture)).ToList();
        return [PerWeek(rows, weeks, labels, policy), ByPurpose(rows), TimeToDecision(rows, weeks, labels), OutcomesOwed(rows, now), EmergenciesAwaiting(rows, now)];
    }

    private static TabChart PerWeek(IReadOnlyList<Row> rows, IReadOnlyList<DateOnly> weeks, IReadOnlyList<string> labels, PolicyDocument policy)
    {
        var requests = rows.Where(r => r.Kind == RecordKinds.Request && WeekOf(r.SubmittedAt, weeks) >= 0).ToList();
        var series = requests.GroupBy(r => r.MatterType).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var counts = new double?[weeks.Count];
            Array.Fill(counts, 0);
            foreach (var r in g)
            {
                counts[WeekOf(r.SubmittedAt, weeks)]++;
            }

            return new TabSeries(policy.Lists.MatterTypes.FirstOrDefault(m => m.Id == g.Key)?.Title ?? g.Key, counts);
        }).ToList();
        return new TabChart("per-week", "Requests per week by matter type", $"Requests submitted in each of the last {Weeks} weeks (weeks start on Monday), by matter type.",
            "bar", "requests", labels, series, Stacked: true);
    }

    private static TabChart ByPurpose(IReadOnlyList<Row> rows)
    {
        var tally = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var r in rows.Where(r => r.SummaryJson is not null))
        {
            var column = r.Kind == RecordKinds.NotShared || r.Status == SafeguardingStatus.NothingShared ? 3
                : r.Decision == RequestStatus.Approved ? (r.InPart ? 1 : 0) : r.Decision == RequestStatus.Declined ? 2 : -1;
            if (column < 0)
            {
                continue;
            }

            foreach (var purpose in Purposes(r.SummaryJson!))
            {
                (tally.TryGetValue(purpose, out var c) ? c : tally[purpose] = new double[4])[column]++;
            }
        }

        var labels = tally.Keys.ToList();
        TabSeries S(string label, int i) => new(label, [.. tally.Values.Select(v => (double?)v[i])]);
        return new TabChart("by-purpose", "Decisions by purpose", "Every decided record, by the purposes the request gave (a request with two purposes counts under both).",
            "bar", "records", labels, [S("Approved", 0), S("Approved in part", 1), S("Declined", 2), S("Not shared", 3)]);
    }

    private static TabChart TimeToDecision(IReadOnlyList<Row> rows, IReadOnlyList<DateOnly> weeks, IReadOnlyList<string> labels)
    {
        var byWeek = Enumerable.Range(0, weeks.Count).Select(_ => (Taken: new List<double>(), Allowed: new List<double>())).ToList();
        foreach (var r in rows.Where(r => r.Kind == RecordKinds.Request && r.DecidedAt is not null))
        {
            var w = WeekOf(r.DecidedAt!.Value, weeks);
            if (w < 0)
            {
                continue;
            }

            byWeek[w].Taken.Add((r.DecidedAt.Value - r.SubmittedAt).TotalHours);
            if (r.Deadline is { } deadline)
            {
                byWeek[w].Allowed.Add((deadline - r.SubmittedAt).TotalHours);
            }
        }

        return new TabChart("time-to-decision", "Time from submission to decision", "Hours from submission to decision for requests decided in each week: the median, the 90th percentile, and the median time the deadline allowed.",
            "line", "hours", labels,
        [
            new("Median", [.. byWeek.Select(w => Percentile(w.Taken, 0.5))]),
            new("90th percentile", [.. byWeek.Select(w => Percentile(w.Taken, 0.9))]),
            new("Deadline allowed (median)", [.. byWeek.Select(w => Percentile(w.Allowed, 0.5))], Dashed: true),
        ]);
    }

    private static TabChart OutcomesOwed(IReadOnlyList<Row> rows, DateTimeOffset now) => Ages("outcomes-owed", "Outcome records still owed",
        "Approved requests whose practitioner has not yet recorded what was shared, by how long ago they were approved.",
        rows.Where(r => r.Kind == RecordKinds.Request && r.Decision == RequestStatus.Approved && r.OutcomeRecordedAt is null).Select(r => r.DecidedAt ?? r.SubmittedAt), now, "Outcomes owed");

    private static TabChart EmergenciesAwaiting(IReadOnlyList<Row> rows, DateTimeOffset now) => Ages("emergencies-awaiting", "Emergency records awaiting the full record",
        "Emergency sharing declared whose retrospective record has not been given, by how long ago it was declared.",
        rows.Where(r => r.Kind == RecordKinds.Emergency && r.Status == SafeguardingStatus.RecordDue).Select(r => r.SubmittedAt), now, "Awaiting the full record");

    private static TabChart Ages(string id, string title, string description, IEnumerable<DateTime> since, DateTimeOffset now, string label)
    {
        string[] buckets = ["Under 1 day", "1 to 7 days", "1 to 4 weeks", "Over 4 weeks"];
        var counts = new double?[buckets.Length];
        Array.Fill(counts, 0);
        foreach (var at in since)
        {
            var days = (now.UtcDateTime - at).TotalDays;
            counts[days < 1 ? 0 : days < 7 ? 1 : days < 28 ? 2 : 3]++;
        }

        return new TabChart(id, title, description, "bar", "records", buckets, [new TabSeries(label, counts)]);
    }

    /// <summary>The Mondays (UK) starting each of the last <see cref="Weeks"/> weeks, oldest first.</summary>
    private static List<DateOnly> WeekStarts(DateTimeOffset now)
    {
        var today = UkTime.Today(now);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return [.. Enumerable.Range(0, Weeks).Select(i => monday.AddDays(-7 * (Weeks - 1 - i)))];
    }

    private static int WeekOf(DateTime utc, IReadOnlyList<DateOnly> weeks)
    {
        var day = UkTime.Today(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
        var i = day.DayNumber - weeks[0].DayNumber;
        return i < 0 || i / 7 >= weeks.Count ? -1 : i / 7;
    }

    /// <summary>The nearest-rank percentile, one decimal; null for no values.</summary>
    public static double? Percentile(List<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var rank = (int)Math.Ceiling(p * values.Count);
        return Math.Round(values[Math.Clamp(rank - 1, 0, values.Count - 1)], 1);
    }

    /// <summary>The summary's purpose titles: only its "purposes" array is read (the rest of the document is not parsed).</summary>
    public static IEnumerable<string> Purposes(string summaryJson)
    {
        ArgumentNullException.ThrowIfNull(summaryJson);
        const string Key = "\"purposes\":";
        var at = summaryJson.IndexOf(Key, StringComparison.Ordinal);
        var end = at < 0 ? -1 : summaryJson.IndexOf(']', at);
        if (end < 0)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(summaryJson.AsSpan(at + Key.Length, end - at - Key.Length + 1), TabsJsonContext.Default.StringArray) ?? [];
        }
        catch (JsonException)
        {
            // a title with a ']' in it: read the whole summary
            using var doc = JsonDocument.Parse(summaryJson);
            return doc.RootElement.TryGetProperty("purposes", out var p) && p.ValueKind == JsonValueKind.Array
                ? [.. p.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
                : [];
        }
    }

    /// <summary>The columns the charts need of one record (the summary only for a decided one, for its purposes; whether it was approved in part).</summary>
    public sealed record Row(string Kind, string Status, string MatterType, DateTime SubmittedAt, DateTime? DecidedAt, string? Decision, DateTime? Deadline, DateTime? OutcomeRecordedAt, string? SummaryJson)
    {
        public bool InPart { get; init; }
    }
}
