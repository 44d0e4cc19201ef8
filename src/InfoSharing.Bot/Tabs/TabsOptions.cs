namespace InfoSharing.Bot.Tabs;

/// <summary>Section <c>Tabs</c>: the Teams tabs (Approvals, Records, Statistics, My requests) served by the bot.</summary>
public sealed class TabsOptions
{
    public const string SectionName = "Tabs";

    /// <summary>
    /// Development only: extra origins (e.g. <c>http://127.0.0.1:56170</c>, a local Teams stand-in) that may frame the
    /// tabs and answer teams-js as their host. Ignored outside Development, where only Teams and Office hosts may.
    /// </summary>
    public IList<string> DevelopmentHostOrigins { get; } = [];

    /// <summary>Rows on one page of the records list.</summary>
    public int PageSize { get; set; } = 50;
}
