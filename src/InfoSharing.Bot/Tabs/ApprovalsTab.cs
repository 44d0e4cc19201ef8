using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tabs;

/// <summary>
/// The Approvals tab: the pending queue (oldest deadline first, with what the channel card shows), a request's page with
/// its full detail (opened, authorised and audited through the workflow as the card's Details button is), and the
/// decisions of <see cref="TabActions.Verbs"/>, each made through the card's own workflow.
/// </summary>
public static class ApprovalsTab
{
    public static RouteGroupBuilder MapApprovalsTab(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/approvals", (HttpContext http, TabQueries queries, CancellationToken ct) =>
            TabsEndpoints.Page(http, TabPage.Approvals, async (_, token) => Queue(await queries.QueueAsync(token)), ct));
        api.MapGet("/approvals/{id:guid}", (Guid id, HttpContext http, ApprovalRecords records, TabActions actions, CancellationToken ct) =>
            TabsEndpoints.Page(http, TabPage.Approvals, async (viewer, token) =>
            {
                var opened = await actions.DetailsAsync(viewer, id, token);
                return await RequestAsync(http, records, id, showDetail: opened.Done, opened.Message, error: !opened.Done, token);
            }, ct));
        api.MapPost("/approvals/{id:guid}/{verb}", (Guid id, string verb, HttpContext http, ApprovalRecords records, TabActions actions, CancellationToken ct) =>
            TabsEndpoints.Page(http, TabPage.Approvals, async (viewer, token) =>
            {
                if (TabActions.VerbOf(verb) is not { } known)
                {
                    return TabViews.Problem("Not an action", $"'{verb}' is not an action of the approval card.");
                }

                var form = await http.Request.ReadFormAsync(token);
                var inputs = known.Inputs.Where(i => form.ContainsKey(i.Name)).ToDictionary(i => i.Name, i => form[i.Name].ToString(), StringComparer.Ordinal);
                var result = await actions.DecideAsync(viewer, id, known, inputs, token);
                var banner = !result.Done || result.Message is not null ? result.Message
                    : $"Done: {known.Button.ToLowerInvariant()} recorded. The channel card is updated and the practitioner told.";
                return await RequestAsync(http, records, id, showDetail: false, banner, error: !result.Done, token);
            }, ct));
        return api;
    }

    public static string Queue(IReadOnlyList<Storage.InfoRequestRow> queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var h = new Html().Heading("Approvals", "Requests awaiting a decision, oldest deadline first. Open one to see its full detail and decide.");
        if (queue.Count == 0)
        {
            return h.El("p", "Nothing is waiting for a decision.", ("class", "empty")).ToString();
        }

        h.El("p", Html.Number(queue.Count) + (queue.Count == 1 ? " request" : " requests") + " waiting.", ("class", "muted")).Open("ul", ("class", "cards"));
        foreach (var row in queue)
        {
            var s = ApprovalRecords.Summary(row);
            h.Open("li", ("class", "card"))
                .Open("h2").Open("a", ("href", "/tabs/approvals/" + row.Id), ("data-nav", "")).Text(s.Reference).Close("a").Close("h2")
                .Status(row.Status);
            Facts(h, row, s);
            h.Close("li");
        }

        return h.Close("ul").ToString();
    }

    private static async Task<string> RequestAsync(HttpContext http, ApprovalRecords records, Guid id, bool showDetail, string? banner, bool error, CancellationToken ct)
    {
        if (await records.FindAsync(id, ct) is not { } row)
        {
            return TabViews.Problem("Not found", "That request was not found.");
        }

        var model = await records.ModelAsync(row, [], ct); // with whom Reassign offers, while it is undecided
        var s = model.Summary;
        var h = new Html().Open("p").Open("a", ("href", "/tabs/approvals"), ("data-nav", "")).Text("← All pending requests").Close("a").Close("p")
            .Heading(s.Reference).Banner(banner, error).Status(row.Status);
        Facts(h, row, s);
        if (model.DecidedBy is not null)
        {
            h.El("p", $"Decided by {model.DecidedBy} on {TabViews.Uk(model.DecidedAtUtc)}" + (model.DecisionReasonTitle is null ? "." : ": " + model.DecisionReasonTitle + ".")
                + (string.IsNullOrWhiteSpace(model.Conditions) ? "" : " Conditions: " + model.Conditions)
                + (s.InPart is { } inPart ? $" Approved in part: {inPart.ApprovedText()}; not approved: {inPart.LeftOutText()}." : ""), ("class", "decided"));
        }

        if (showDetail)
        {
            h.Open("section", ("aria-labelledby", "detail-title")).El("h2", "Full detail", ("id", "detail-title"))
                .El("p", "Your opening of this detail was recorded in the audit trail.", ("class", "muted"));
            foreach (var section in ApprovalRecords.Detail(row).Sections)
            {
                h.El("h3", section.Title).Open("dl", ("class", "facts"));
                foreach (var item in section.Items)
                {
                    h.Fact(item.Label, item.Value);
                }

                h.Close("dl");
            }

            h.Close("section");
        }
        else if (!RequestStatus.IsDecided(row.Status))
        {
            h.Open("p").Open("a", ("href", "/tabs/approvals/" + row.Id), ("data-nav", ""), ("class", "button")).Text("Open the full detail (recorded)").Close("a").Close("p");
        }

        History(h, model.History);
        if (!RequestStatus.IsDecided(row.Status))
        {
            Forms(h, model, TabsEndpoints.AntiforgeryToken(http));
        }

        return h.ToString();
    }

    private static void Facts(Html h, Storage.InfoRequestRow row, ApprovalSummary s)
    {
        h.Open("dl", ("class", "facts"))
            .Fact("Case reference", s.CaseReference)
            .Fact("Matter", s.MatterType)
            .Fact("Urgency", s.Urgency)
            .Fact("Deadline", s.Deadline ?? TabViews.Uk(row.Deadline))
            .Fact("Requested by", s.RequesterName)
            .Fact("Submitted", TabViews.Uk(row.SubmittedAt))
            .Fact("About", s.About)
            .Fact("At risk", string.Join("; ", s.AtRisk))
            .Fact("Categories", string.Join("; ", s.Categories.Select(c => c.Title + (c.SpecialCategory ? " (special category)" : c.CriminalOffence ? " (criminal offence)" : ""))))
            .Fact("Recipient", s.RecipientType)
            .Fact("Purposes", string.Join("; ", s.Purposes))
            .Fact("Lawful basis", s.LegalBasis)
            .Fact("Statutory function", s.StatutoryFunction)
            .Fact("Article 9 condition", s.Article9Condition)
            .Fact("Criminal offence condition", s.CriminalOffenceCondition)
            .Fact("Consent", s.ConsentStatus)
            .Fact("Needs", ApprovalRules.Describe(ApprovalRules.Required(row.RequiresDpo, row.RequiresPreventLead)))
            .Fact("Delivery problem", row.DeliveryProblem)
            .Close("dl");
        if (s.Warnings.Count > 0)
        {
            h.Open("ul", ("class", "warnings"), ("aria-label", "Warnings"));
            foreach (var w in s.Warnings)
            {
                h.El("li", w);
            }

            h.Close("ul");
        }
    }

    private static void History(Html h, IReadOnlyList<ApprovalActionView> history)
    {
        if (history.Count == 0)
        {
            return;
        }

        h.Table("History", ["When", "Who", "What"], history.Select(a => (IReadOnlyList<string>)[TabViews.Uk(a.AtUtc), a.ActorName,
            a.Action + (a.ReasonTitle is null ? "" : ": " + a.ReasonTitle) + (string.IsNullOrWhiteSpace(a.Conditions) ? "" : " (conditions: " + a.Conditions + ")")]));
    }

    /// <summary>A checkbox per option, all ticked: the approver unticks what may not be shared.</summary>
    private static void Ticks(Html h, string fieldId, TabInput input, IReadOnlyList<ChoiceOption> options)
    {
        h.Open("fieldset", ("class", "ticks")).El("legend", input.Label);
        for (var i = 0; i < options.Count; i++)
        {
            var boxId = fieldId + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            h.Open("p").Open("input", ("type", "checkbox"), ("id", boxId), ("name", input.Name), ("value", options[i].Value), ("checked", ""))
                .El("label", options[i].Title, ("for", boxId)).Close("p");
        }

        h.Close("fieldset");
    }

    private static void Forms(Html h, ApprovalCardModel model, string? antiforgery)
    {
        var id = model.RequestId;
        var reasons = model.DeclineReasons;
        h.Open("section", ("class", "decide"), ("aria-labelledby", "decide-title")).El("h2", "Decide", ("id", "decide-title"));
        var offered = TabActions.Verbs.Where(v => v.Verb switch
        {
            ApprovalVerbs.ApproveInPart => model.InPartCategories.Count > 0,
            ApprovalVerbs.Reassign => model.ReassignChoices.Count > 0,
            _ => true,
        });
        foreach (var verb in offered)
        {
            h.Open("form", ("method", "post"), ("action", $"/tabs/api/approvals/{id}/{verb.Verb}"), ("data-post", ""), ("class", "verb verb-" + verb.Verb))
                .Open("fieldset").El("legend", verb.Legend).Antiforgery(antiforgery);
            foreach (var input in verb.Inputs)
            {
                var fieldId = verb.Verb + "-" + input.Name;
                if (input.Kind is TabInputKind.Categories or TabInputKind.Recipients)
                {
                    Ticks(h, fieldId, input, input.Kind == TabInputKind.Categories ? model.InPartCategories : model.InPartRecipients);
                    continue;
                }

                if (input.Kind == TabInputKind.Confirm)
                {
                    h.Open("p").Open("input", ("type", "checkbox"), ("id", fieldId), ("name", input.Name), ("value", "true")).El("label", input.Label, ("for", fieldId)).Close("p");
                    continue;
                }

                h.El("label", input.Label, ("for", fieldId));
                if (input.Kind is TabInputKind.DeclineReason or TabInputKind.Decider)
                {
                    var options = input.Kind == TabInputKind.DeclineReason
                        ? reasons.Where(r => !r.Retired).Select(r => (r.Id, r.Title))
                        : model.ReassignChoices.Select(c => (c.Id, c.Title));
                    h.Open("select", ("id", fieldId), ("name", input.Name), ("required", input.Required ? "" : null))
                        .El("option", input.Kind == TabInputKind.DeclineReason ? "Choose a reason" : "Choose who should decide it", ("value", ""));
                    foreach (var (value, title) in options)
                    {
                        h.El("option", title, ("value", value));
                    }

                    h.Close("select");
                }
                else
                {
                    h.Open("textarea", ("id", fieldId), ("name", input.Name), ("rows", "3"), ("maxlength", ApprovalRules.MaxTextLength.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("required", input.Required ? "" : null)).Close("textarea");
                }
            }

            h.Open("fluent-button", ("type", "submit"), ("appearance", verb.Verb == ApprovalVerbs.Approve ? "primary" : null)).Text(verb.Button).Close("fluent-button")
                .Close("fieldset").Close("form");
        }

        h.Close("section");
    }
}
