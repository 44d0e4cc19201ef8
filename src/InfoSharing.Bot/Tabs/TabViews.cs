using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tabs;

/// <summary>What every tab fragment shares: problems, banners, status badges and UK times.</summary>
public static class TabViews
{
    public static string Problem(string title, string detail) =>
        new Html().Open("section", ("class", "problem"), ("role", "alert")).El("h1", title).El("p", detail).Close("section").ToString();

    public static string WhoMay(TabPage page, bool manage) => manage
        ? "retention needs the Records.Manage role."
        : page switch
        {
            TabPage.Approvals => "the approvals queue is for approvers, deputies, the DPO and the Prevent lead.",
            TabPage.Records or TabPage.Statistics => "records and statistics are for the DPO and auditors (the Records.Read role).",
            _ => "it is for signed-in users.",
        };

    /// <summary>A banner (role=status) after an action: what happened, in the workflow's own words.</summary>
    public static Html Banner(this Html h, string? text, bool error = false) => text is null ? h
        : h.Open("div", ("class", error ? "banner error" : "banner"), ("role", error ? "alert" : "status")).Text(text).Close("div");

    public static Html Status(this Html h, string status) =>
        h.El("span", RequestStatus.Title(status), ("class", "badge status-" + status));

    public static string Uk(DateTime? utc) => utc is { } at ? ApprovalCards.FormatUk(at) : "";

    public static Html Heading(this Html h, string title, string? lead = null)
    {
        h.El("h1", title);
        return lead is null ? h : h.El("p", lead, ("class", "lead"));
    }
}
