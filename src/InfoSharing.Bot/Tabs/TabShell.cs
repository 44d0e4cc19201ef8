using System.Text.Json;
using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Tabs;

/// <summary>
/// The page Teams loads for each tab: no data, only the served scripts and styles. Its script (wwwroot/tabs/tab.js)
/// signs in with teams-js <c>authentication.getAuthToken()</c>, takes the theme from the Teams context and loads the
/// page's content from <c>/tabs/api/…</c>; outside Teams it says to open the tab in Teams (Development on loopback with
/// no Entra ID loads it directly, as the records API does).
/// </summary>
public static class TabShell
{
    public static readonly IReadOnlyList<(TabPage Page, string Slug, string Title)> Pages =
    [
        (TabPage.MyRequests, "my-requests", "My requests"),
        (TabPage.Approvals, "approvals", "Approvals"),
        (TabPage.Records, "records", "Records"),
        (TabPage.Statistics, "statistics", "Statistics"),
    ];

    public static TabPage? PageOf(string slug) => Pages.FirstOrDefault(p => p.Slug == slug) is { Title: not null } p ? p.Page : null;

    public static string TitleOf(TabPage page) => Pages.First(p => p.Page == page).Title;

    /// <summary>The shell of <paramref name="page"/>; <paramref name="development"/>: loopback Development with no Entra ID.</summary>
    public static string Render(TabPage page, bool development, IReadOnlyList<string> hostOrigins)
    {
        var origins = new JsonArray([.. hostOrigins.Select(o => (JsonNode?)JsonValue.Create(o))]).ToJsonString(JsonSerializerOptions.Default);
        var h = new Html().Raw("<!DOCTYPE html>")
            .Open("html", ("lang", "en-GB"), ("data-theme", "default"))
            .Open("head").Open("meta", ("charset", "utf-8"))
            .Open("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
            .El("title", "InfoSharing: " + TitleOf(page))
            .Open("link", ("rel", "stylesheet"), ("href", "/tabs/tab.css"))
            .Open("script", ("src", "/tabs/lib/teams-js.min.js")).Close("script")
            .Open("script", ("src", "/tabs/lib/chart.umd.min.js")).Close("script")
            .Open("script", ("type", "module"), ("src", "/tabs/tab.js")).Close("script")
            .Close("head")
            .Open("body", ("data-page", Pages.First(p => p.Page == page).Slug), ("data-mode", development ? "development" : "teams"), ("data-origins", origins))
            .Open("a", ("class", "skip"), ("href", "#main")).Text("Skip to content").Close("a")
            .Open("header", ("class", "top")).El("span", "InfoSharing", ("class", "brand"))
            .Open("nav", ("aria-label", "Tabs")).Open("ul");
        foreach (var (p, slug, title) in Pages)
        {
            h.Open("li").Open("a", ("href", "/tabs/" + slug), ("data-nav", ""), ("aria-current", p == page ? "page" : null)).Text(title).Close("a").Close("li");
        }

        h.Close("ul").Close("nav").Close("header")
            .Open("main", ("id", "main"), ("tabindex", "-1"), ("aria-busy", "true"))
            .El("p", "Loading…", ("class", "muted"))
            .Close("main")
            .Open("section", ("id", "outside"), ("hidden", ""), ("aria-labelledby", "outside-title"))
            .El("h1", "Open this in Microsoft Teams", ("id", "outside-title"))
            .El("p", "This page is a tab of the InfoSharing app. It signs you in with your Teams account, so it works only inside Teams: open Teams, then the InfoSharing app, and choose the " + TitleOf(page) + " tab.")
            .El("p", "Records and decisions are shown only to the people allowed to see them, and every view is recorded.", ("class", "muted"))
            .Close("section")
            .Close("body").Close("html");
        return h.ToString();
    }
}
