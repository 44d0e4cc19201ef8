using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Tabs;

/// <summary>The Statistics tab: each chart a canvas drawn by chart.js from its data, with the same numbers in a table beside it.</summary>
public static class StatisticsView
{
    public static string Render(IReadOnlyList<TabChart> charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        var h = new Html().Heading("Statistics", "Every record, counted on the server. Each chart has its numbers in the table beside it.");
        foreach (var chart in charts)
        {
            h.Open("section", ("class", "chart-card"), ("aria-labelledby", chart.Id + "-title"))
                .El("h2", chart.Title, ("id", chart.Id + "-title"))
                .El("p", chart.Description, ("class", "muted"))
                .Open("div", ("class", "chart-pair"))
                .Open("figure", ("class", "chart"))
                .Open("canvas", ("id", chart.Id), ("role", "img"), ("aria-label", chart.Title + ": the numbers are in the table beside it"), ("data-chart", Json(chart))).Close("canvas")
                .Close("figure")
                .Open("div", ("class", "chart-table"), ("tabindex", "0"), ("role", "region"), ("aria-label", chart.Title + ": numbers")); // focusable: a wide table scrolls by keyboard too
            var headers = new List<string> { chart.Kind == "line" ? "Week" : "" };
            headers.AddRange(chart.Series.Select(s => s.Label));
            var rows = chart.Labels.Select((label, i) => (IReadOnlyList<string>)[label, .. chart.Series.Select(s => Value(s.Values[i]))]);
            h.Table(chart.Title + " (" + chart.Unit + ")", headers, rows, "numbers");
            h.Close("div").Close("div").Close("section");
        }

        return h.ToString();
    }

    private static string Value(double? v) => v is { } x ? x.ToString(x % 1 == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) : "–";

    private static string Json(TabChart chart) => new JsonObject
    {
        ["type"] = chart.Kind,
        ["unit"] = chart.Unit,
        ["stacked"] = chart.Stacked,
        ["labels"] = new JsonArray([.. chart.Labels.Select(l => (JsonNode?)JsonValue.Create(l))]),
        ["series"] = new JsonArray([.. chart.Series.Select(s => (JsonNode?)new JsonObject
        {
            ["label"] = s.Label,
            ["dashed"] = s.Dashed,
            ["values"] = new JsonArray([.. s.Values.Select(v => (JsonNode?)(v is { } x ? JsonValue.Create(x) : null))]),
        })]),
    }.ToJsonString(JsonSerializerOptions.Default);
}
