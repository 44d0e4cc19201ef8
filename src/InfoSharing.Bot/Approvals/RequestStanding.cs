using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// Where a request stands in words, as the practitioner's `my requests` (text and tab) and the exports say it: its
/// status, a question that went unanswered past the policy limit, and an approval card that did not reach (or may not
/// have reached) the approvers' channel.
/// </summary>
public static class RequestStanding
{
    /// <summary>The practitioner's words for a card not (known to be) posted: the approvers were told and can post it again.</summary>
    public const string CardNotDelivered = "the approval card may not have reached the approvers' channel; they were told and can post it again";

    /// <summary>True while an undecided request's card post ended failed or unknown and it has not been posted since.</summary>
    public static bool IsCardNotDelivered(InfoRequestRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Kind == RecordKinds.Request && row.SubmittedAt is not null && row.ApprovalActivityId is null
               && row.DeliveryProblem is not null && !RequestStatus.IsDecided(row.Status);
    }

    /// <summary>The status title, with what is wrong: "More information requested (unanswered)", "Awaiting decision (the approval card…)".</summary>
    public static string Title(InfoRequestRow row, IEnumerable<string> actions)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(actions);
        var title = RequestStatus.Title(row.Status, RecordActionKinds.QuestionUnanswered(actions));
        return IsCardNotDelivered(row) ? $"{title} ({CardNotDelivered})" : title;
    }
}
