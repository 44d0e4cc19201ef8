namespace InfoSharing.Bot.Tabs;

/// <summary>
/// One chart of the Statistics tab: drawn by chart.js in the page from this data, and written out beside it as an
/// accessible table of the same numbers (<see cref="StatisticsView"/>).
/// </summary>
public sealed record TabChart(string Id, string Title, string Description, string Kind, string Unit, IReadOnlyList<string> Labels, IReadOnlyList<TabSeries> Series, bool Stacked = false);

/// <summary>One series of a chart; <paramref name="Dashed"/> draws it as a reference line (e.g. the deadline).</summary>
public sealed record TabSeries(string Label, IReadOnlyList<double?> Values, bool Dashed = false);
