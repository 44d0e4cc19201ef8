using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Records.Export;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tabs;

/// <summary>
/// The practitioner's personal tab: their own records and drafts, where each stands, what was approved (with any
/// conditions), the outcome records still owed, and a deep link into the bot's 1:1 chat to continue.
/// </summary>
public static class MyRequestsView
{
    public static string Render(TabViewer viewer, MyRequests mine, string? botAppId)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(mine);
        var h = new Html().Heading("My requests", $"Your requests and drafts, {viewer.Name}. Continue any of them in your chat with the bot.");
        var chat = botAppId is { Length: > 0 } ? "https://teams.microsoft.com/l/chat/0/0?users=28:" + Uri.EscapeDataString(botAppId) : null;
        if (chat is not null)
        {
            h.Open("p").Open("a", ("href", chat), ("data-deeplink", ""), ("class", "button"), ("target", "_blank"), ("rel", "noopener")).Text("Continue in the chat with InfoSharing").Close("a").Close("p");
        }
        else
        {
            h.El("p", "Continue in your 1:1 chat with the InfoSharing bot (type my requests there).", ("class", "muted"));
        }

        var owed = mine.Records.Where(r => r.Row.Kind == RecordKinds.Request && r.Row.Decision == RequestStatus.Approved && r.Row.OutcomeRecordedAt is null).ToList();
        h.Open("section", ("aria-labelledby", "owed-title")).El("h2", "Outcome records still owed", ("id", "owed-title"));
        if (owed.Count == 0)
        {
            h.El("p", "None: every approved request has its outcome recorded.", ("class", "muted"));
        }
        else
        {
            h.El("p", "These were approved; record what was shared (in the chat, on the outcome card) to complete the record.")
                .Open("ul");
            foreach (var r in owed)
            {
                h.Open("li").El("strong", r.Row.Reference).Text(" approved " + TabViews.Uk(r.Row.DecidedAt)).Close("li");
            }

            h.Close("ul");
        }

        h.Close("section");
        h.Open("section", ("aria-labelledby", "drafts-title")).El("h2", "Drafts", ("id", "drafts-title"));
        if (mine.Drafts.Count == 0)
        {
            h.El("p", "No draft in progress.", ("class", "muted"));
        }
        else
        {
            h.Table("Drafts not yet submitted", ["Draft", "Step", "Case reference", "Last changed", "Deleted if left until"],
                mine.Drafts.Select(d => (IReadOnlyList<string>)[d.DraftId[..Math.Min(8, d.DraftId.Length)], ((int)d.Step + 1) + " of 10: " + d.Step, d.CaseReference ?? "", TabViews.Uk(d.UpdatedAt.UtcDateTime), TabViews.Uk(d.ExpiresAt.UtcDateTime)]));
        }

        h.Close("section");
        h.Open("section", ("aria-labelledby", "mine-title")).El("h2", "Submitted", ("id", "mine-title"));
        if (mine.Records.Count == 0)
        {
            h.El("p", "You have no submitted requests yet. Type new request in the chat to start one.", ("class", "muted"));
        }
        else
        {
            h.Open("ul", ("class", "cards"));
            foreach (var record in mine.Records)
            {
                Item(h, record);
            }

            h.Close("ul");
        }

        return h.Close("section").ToString();
    }

    private static void Item(Html h, RecordData record)
    {
        var r = record.Row;
        h.Open("li", ("class", "card")).Open("h3").Text(r.Reference).Close("h3").Status(r.Status)
            .Open("dl", ("class", "facts"))
            .Fact("Case reference", r.CaseReference)
            .Fact(r.SubmittedAt is null ? "Started" : "Submitted", TabViews.Uk(r.SubmittedAt ?? r.CreatedAt))
            .Fact("Decided", r.DecidedAt is null ? null : TabViews.Uk(r.DecidedAt) + (r.DecidedByName is null ? "" : " by " + r.DecidedByName));
        if (r.Decision == RequestStatus.Approved)
        {
            var approval = record.Actions.LastOrDefault(a => a.Action == ApprovalVerbs.Approve);
            h.Fact("What was approved", record.InPart is { } inPart
                    ? $"Only part of it: {inPart.ApprovedText()}. Not approved: {inPart.LeftOutText()} (sharing it needs a new request)."
                    : string.IsNullOrWhiteSpace(approval?.Conditions) ? "Sharing as requested" : "Sharing with these conditions: " + approval.Conditions)
                .Fact("Outcome record", r.OutcomeRecordedAt is null ? "Still owed: record what was shared in the chat" : "Recorded " + TabViews.Uk(r.OutcomeRecordedAt));
        }

        if (r.Status == RequestStatus.MoreInfoRequested)
        {
            h.Fact("Waiting for you", RecordActionKinds.QuestionUnanswered(record.Actions.Select(a => a.Action))
                ? "The approvers asked a question and it is unanswered past the time allowed (they were told): answer it in the chat."
                : "The approvers asked a question: answer it in the chat.");
        }

        if (RequestStanding.IsCardNotDelivered(r))
        {
            h.Fact("Delivery", char.ToUpperInvariant(RequestStanding.CardNotDelivered[0]) + RequestStanding.CardNotDelivered[1..] + ".");
        }

        h.Close("dl").Close("li");
    }
}
