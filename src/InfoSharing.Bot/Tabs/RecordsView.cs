using System.Globalization;
using System.Text.Json;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Records.Export;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tabs;

/// <summary>The Records tab's pages: the filtered, paged list; a record; the audit chain's verification; retention due.</summary>
public static class RecordsView
{
    public static readonly IReadOnlyList<string> Kinds = [RecordKinds.Request, RecordKinds.Emergency, RecordKinds.Advice, RecordKinds.NotShared];

    public static string List(IQueryCollection q, PolicyDocument policy, TabRecordPage? page, Dictionary<string, string[]> errors, bool mayManage)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(policy);
        var h = new Html().Heading("Records", "Every decision record. Filter, search, open a record, or export the filtered set.");
        h.Open("p", ("class", "links"))
            .Open("a", ("href", "/tabs/records/audit"), ("data-nav", "")).Text("Verify the audit chain").Close("a");
        if (mayManage)
        {
            h.Text(" · ").Open("a", ("href", "/tabs/records/retention"), ("data-nav", "")).Text("Retention due").Close("a");
        }

        h.Close("p");
        FilterForm(h, q, policy, errors);
        if (page is null)
        {
            return h.ToString();
        }

        var query = QueryString(q, page: null);
        h.Open("p", ("class", "links"))
            .Open("a", ("href", "/tabs/api/records/export.csv" + query), ("data-download", "records.csv")).Text("Export CSV").Close("a").Text(" · ")
            .Open("a", ("href", "/tabs/api/records/export.json" + query), ("data-download", "records.json")).Text("Export JSON").Close("a")
            .Close("p");
        h.El("p", $"{Html.Number(page.Total)} matching {(page.Total == 1 ? "record" : "records")}; page {page.Page} of {page.Pages}.", ("id", "result-count"), ("role", "status"));
        h.Open("table", ("class", "records")).El("caption", "Matching records, newest first").Open("thead").Open("tr");
        foreach (var col in new[] { "Reference", "Type", "Status", "Matter", "Case reference", "Requester", "Submitted", "Decided", "Review" })
        {
            h.El("th", col, ("scope", "col"));
        }

        h.Close("tr").Close("thead").Open("tbody");
        foreach (var r in page.Rows)
        {
            h.Open("tr").Open("th", ("scope", "row")).Open("a", ("href", "/tabs/records/" + r.Reference), ("data-nav", "")).Text(r.Reference).Close("a").Close("th")
                .El("td", r.Kind).Open("td").Status(r.Status).Close("td")
                .El("td", policy.Lists.MatterTypes.FirstOrDefault(m => m.Id == r.MatterType)?.Title ?? r.MatterType)
                .El("td", r.CaseReference).El("td", r.RequesterName).El("td", TabViews.Uk(r.SubmittedAt))
                .El("td", r.Decision is null ? "" : r.Decision + " " + TabViews.Uk(r.DecidedAt))
                .El("td", r.LegalHold ? "Legal hold" : TabViews.Uk(r.ReviewDate)).Close("tr");
        }

        h.Close("tbody").Close("table");
        h.Open("nav", ("aria-label", "Pages"), ("class", "pager"));
        if (page.Page > 1)
        {
            h.Open("a", ("href", "/tabs/records" + QueryString(q, page.Page - 1)), ("data-nav", ""), ("rel", "prev")).Text("← Newer").Close("a");
        }

        if (page.Page < page.Pages)
        {
            h.Open("a", ("href", "/tabs/records" + QueryString(q, page.Page + 1)), ("data-nav", ""), ("rel", "next")).Text("Older →").Close("a");
        }

        return h.Close("nav").ToString();
    }

    private static void FilterForm(Html h, IQueryCollection q, PolicyDocument policy, Dictionary<string, string[]> errors)
    {
        h.Open("form", ("method", "get"), ("action", "/tabs/records"), ("data-nav", ""), ("class", "filters"), ("role", "search"), ("aria-label", "Filter records"));
        Input(h, q, errors, "q", "Reference or case reference", "search");
        Select(h, q, errors, "status", "Status", RecordFilterParser.Statuses.Select(s => (s, RequestStatus.Title(s))));
        Select(h, q, errors, "type", "Record kind", Kinds.Select(k => (k, k)));
        Select(h, q, errors, "matterType", "Matter type", policy.Lists.MatterTypes.Select(m => (m.Id, m.Title)));
        Select(h, q, errors, "purpose", "Purpose", policy.Lists.Purposes.Select(p => (p.Id, p.Title)));
        Select(h, q, errors, "decision", "Decision", RecordFilterParser.Decisions.Select(d => (d, d == "none" ? "Not decided" : RequestStatus.Title(d))));
        Input(h, q, errors, "from", "Submitted from", "date");
        Input(h, q, errors, "to", "Submitted to", "date");
        Input(h, q, errors, "requester", "Requester (name or object id)", "text");
        h.Open("div", ("class", "filter-actions")).Open("fluent-button", ("type", "submit"), ("appearance", "primary")).Text("Apply").Close("fluent-button")
            .Open("a", ("href", "/tabs/records"), ("data-nav", "")).Text("Clear").Close("a").Close("div");
        h.Close("form");
    }

    private static void Input(Html h, IQueryCollection q, Dictionary<string, string[]> errors, string name, string label, string type)
    {
        h.Open("div", ("class", "field")).El("label", label, ("for", "f-" + name))
            .Open("input", ("id", "f-" + name), ("name", name), ("type", type), ("value", q[name].ToString()), ("aria-invalid", errors.ContainsKey(name) ? "true" : null),
                ("aria-describedby", errors.ContainsKey(name) ? "e-" + name : null));
        Error(h, errors, name);
        h.Close("div");
    }

    private static void Select(Html h, IQueryCollection q, Dictionary<string, string[]> errors, string name, string label, IEnumerable<(string Value, string Title)> options)
    {
        var chosen = q[name].ToString();
        h.Open("div", ("class", "field")).El("label", label, ("for", "f-" + name)).Open("select", ("id", "f-" + name), ("name", name), ("aria-invalid", errors.ContainsKey(name) ? "true" : null))
            .El("option", "Any", ("value", ""));
        foreach (var (value, title) in options)
        {
            h.El("option", title, ("value", value), ("selected", value == chosen ? "" : null));
        }

        h.Close("select");
        Error(h, errors, name);
        h.Close("div");
    }

    private static void Error(Html h, Dictionary<string, string[]> errors, string name)
    {
        if (errors.TryGetValue(name, out var messages))
        {
            h.El("p", string.Join(" ", messages), ("id", "e-" + name), ("class", "field-error"));
        }
    }

    private static string QueryString(IQueryCollection q, int? page)
    {
        var pairs = q.Where(p => p.Key != "page" && !string.IsNullOrEmpty(p.Value)).Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value.ToString())).ToList();
        if (page is { } n)
        {
            pairs.Add("page=" + n.ToString(CultureInfo.InvariantCulture));
        }

        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    public static string Record(DecisionRecordDocument doc, RecordData record, string? banner, bool error, string? manageToken)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(record);
        var h = new Html().Open("p").Open("a", ("href", "/tabs/records"), ("data-nav", "")).Text("← All records").Close("a").Close("p")
            .Heading(doc.Reference).Banner(banner, error).Status(doc.Status)
            .Open("p", ("class", "links")).Open("a", ("href", $"/tabs/api/records/{doc.Reference}/case-file"), ("data-download", doc.Reference + ".md")).Text("Download the case file").Close("a").Close("p")
            .Open("dl", ("class", "facts"))
            .Fact("Record kind", doc.Type).Fact("Case reference", doc.CaseReference).Fact("Matter type", doc.MatterType).Fact("Requester", doc.RequesterName ?? doc.RequesterAadObjectId)
            .Fact("Submitted", TabViews.Uk(doc.SubmittedAtUtc)).Fact("Deadline", TabViews.Uk(doc.DeadlineUtc)).Fact("Policy version", doc.PolicyVersion)
            .Fact("Outcome", doc.Decision is { } d ? $"{d.Outcome} {TabViews.Uk(d.AtUtc)} by {d.ByName}" : "Not decided")
            .Close("dl");
        h.Open("section", ("aria-labelledby", "answers-title")).El("h2", "Answers", ("id", "answers-title"));
        if (record.ContentDeleted)
        {
            h.El("p", "The personal content was removed after a retention review; this record remains as a tombstone.", ("class", "muted"));
        }
        else
        {
            foreach (var section in ApprovalRecords.Detail(record.Row).Sections)
            {
                h.El("h3", section.Title).Open("dl", ("class", "facts"));
                foreach (var item in section.Items)
                {
                    h.Fact(item.Label, item.Value);
                }

                h.Close("dl");
            }
        }

        h.Close("section");
        h.Table("Approver actions", ["When", "Who", "Role", "Action", "Reason", "Conditions"], doc.ApproverActions.Select(a => (IReadOnlyList<string>)
            [TabViews.Uk(a.AtUtc), a.ActorName ?? a.ActorAadObjectId, a.ActorRole ?? "", a.Action, a.ReasonCode ?? "", a.Conditions ?? ""]));
        if (doc.Outcome is { ValueKind: JsonValueKind.Object } outcome)
        {
            h.El("h2", "What was shared").Open("dl", ("class", "facts"));
            foreach (var p in outcome.EnumerateObject())
            {
                h.Fact(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
            }

            h.Close("dl");
        }

        Retention(h, doc, manageToken);
        h.Table("Audit entries", ["#", "When", "Who", "Action", "Details"], doc.Audit.Select(e => (IReadOnlyList<string>)
            [e.Sequence.ToString(CultureInfo.InvariantCulture), TabViews.Uk(e.AtUtc), e.Actor, e.Action, e.Details?.GetRawText() ?? ""]), "audit");
        return h.ToString();
    }

    private static void Retention(Html h, DecisionRecordDocument doc, string? manageToken)
    {
        var r = doc.Retention;
        h.Open("section", ("aria-labelledby", "retention-title")).El("h2", "Retention", ("id", "retention-title")).Open("dl", ("class", "facts"))
            .Fact("Class", r.Class).Fact("Review due", TabViews.Uk(r.ReviewDateUtc)).Fact("Last reviewed", TabViews.Uk(r.ReviewedAtUtc))
            .Fact("Legal hold", r.LegalHold ? "Yes" : "No").Fact("Content removed", TabViews.Uk(r.ContentDeletedAtUtc)).Close("dl");
        if (manageToken is not null)
        {
            h.Open("form", ("method", "post"), ("action", $"/tabs/api/records/{doc.Reference}/review"), ("data-post", ""), ("class", "inline"))
                .Antiforgery(manageToken).El("label", "Next review date", ("for", "next-review"))
                .Open("input", ("id", "next-review"), ("name", "nextReviewDate"), ("type", "date"))
                .Open("fluent-button", ("type", "submit")).Text("Record a review").Close("fluent-button").Close("form");
            h.Open("form", ("method", "post"), ("action", $"/tabs/api/records/{doc.Reference}/legal-hold"), ("data-post", ""), ("class", "inline"))
                .Antiforgery(manageToken).Open("input", ("type", "hidden"), ("name", "legalHold"), ("value", r.LegalHold ? "false" : "true"))
                .Open("fluent-button", ("type", "submit")).Text(r.LegalHold ? "Lift the legal hold" : "Place on legal hold").Close("fluent-button").Close("form");
        }

        h.Close("section");
    }

    public static string Verification(AuditVerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var h = new Html().Open("p").Open("a", ("href", "/tabs/records"), ("data-nav", "")).Text("← All records").Close("a").Close("p")
            .Heading("Audit chain").Banner(report.Intact ? "The audit chain is intact." : "The audit chain is BROKEN.", error: !report.Intact)
            .Open("dl", ("class", "facts"))
            .Fact("Entries that link", Html.Number((int)Math.Min(int.MaxValue, report.VerifiedEntries)))
            .Fact("Head sequence", report.HeadSequence.ToString(CultureInfo.InvariantCulture)).Fact("Head hash (keep it)", report.HeadHash)
            .Fact("Checked", TabViews.Uk(report.CheckedAtUtc))
            .Fact("First break", report.FirstBreak is { } b ? $"#{b.Sequence}: {b.Reason}" : null);
        return h.Close("dl").ToString();
    }

    public static string Due(IReadOnlyList<RecordData> due)
    {
        ArgumentNullException.ThrowIfNull(due);
        var h = new Html().Open("p").Open("a", ("href", "/tabs/records"), ("data-nav", "")).Text("← All records").Close("a").Close("p")
            .Heading("Retention due", "Records whose review date has passed (or was never set) and whose content is still held.");
        if (due.Count == 0)
        {
            return h.El("p", "No record is due for review.", ("class", "empty")).ToString();
        }

        return h.Table($"{Html.Number(due.Count)} records due for review", ["Reference", "Kind", "Review due", "Legal hold"], due.Select(r => (IReadOnlyList<string>)
            [r.Row.Reference, r.Row.Kind, TabViews.Uk(r.Row.ReviewDate), r.Row.LegalHold ? "Yes" : "No"])).ToString();
    }
}
