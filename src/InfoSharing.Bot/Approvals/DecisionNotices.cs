using System.Text.Json;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// The words of the workflow's notices (<see cref="NoticeKind"/>): what the practitioner is told after an approver
/// acts, and what the thread is told after the practitioner answers; as the stored outbox payload.
/// </summary>
public sealed class DecisionNotices(PolicyDocument policy, SafeguardingRecords records)
{
    public string Payload(InfoRequestRow row, NoticeKind notice, WorkflowCommand command, Actor actor, DateTime now, IReadOnlyList<Candidate>? mention = null)
    {
        IReadOnlyList<MentionTarget> people = [.. (mention ?? []).Select(c => new MentionTarget(c.ObjectId, c.UserId, c.Name))];
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        var when = ApprovalCards.FormatUk(now);
        var payload = notice switch
        {
            NoticeKind.Approved => Alert($"Your request **{row.Reference}** (case {row.CaseReference}) was **approved** by {actor.Name} on {when}."
                + (command.Conditions is null ? string.Empty : $"\n\nConditions: {command.Conditions}")
                + "\n\nShare only what was approved, securely, and record what you shared."),
            NoticeKind.ApprovedInPart => InPart(row, command, actor, when),
            NoticeKind.Declined => Alert($"Your request **{row.Reference}** (case {row.CaseReference}) was **declined** by {actor.Name} on {when}."
                + $"\n\nReason: {DeclineReasons.Title(policy.Lists.DeclineReasons, command.Code)}. {command.Text}"
                + (command.Reconsider ? "\n\nThe approvers will reconsider if new information arrives." : string.Empty)),
            NoticeKind.MoreInformation => new NotificationPayload
            {
                Alert = true,
                Card = PractitionerCards.MoreInformation(row.Id, row.Reference, actor.Name, command.Text ?? string.Empty, null, null),
            },
            NoticeKind.ReviewAcknowledged => Alert($"{actor.Name} acknowledged the emergency sharing **{row.Reference}** on {when}."
                + (string.IsNullOrEmpty(command.Text) ? string.Empty : $"\n\nNote: {command.Text}")),
            NoticeKind.ConcernRaised => Alert($"{actor.Name} raised a concern about the emergency sharing **{row.Reference}** on {when}:\n\n{command.Text}\n\nPlease contact them to discuss it."),
            NoticeKind.AdviceGiven => new NotificationPayload
            {
                Alert = true,
                Card = SafeguardingCards.AdviceAnswer(row.Id, row.Reference, actor.Name, when, records.Title(policy.Safeguarding.AdviceOutcomes, command.Code), command.Text ?? string.Empty),
            },
            NoticeKind.AnswerReceived => new NotificationPayload { Text = $"The practitioner answered the question on {row.Reference}. Use **Details** on the card to read it." },
            NoticeKind.Reassigned => new NotificationPayload
            {
                Text = $"{actor.Name} handed **{row.Reference}** on to "
                    + (command.Code is { } code && Deciders.Role(code) is { } role ? ApprovalRules.Describe(role) : people.FirstOrDefault()?.Name ?? "another approver")
                    + " to decide. Please decide it:",
                Mention = people,
            },
            NoticeKind.ConflictDeclared => new NotificationPayload
            {
                Text = $"{actor.Name} declared a conflict of interest on **{row.Reference}** and will not decide it."
                    + (people.Count > 0 ? " Who may decide it:" : " No one else may decide it, so it has been escalated."),
                Mention = people,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice, "no words for this notice"),
        };
        return JsonSerializer.Serialize(payload, NotificationJsonContext.Default.NotificationPayload);
    }

    /// <summary>Approved in part: what was approved, what was not and why, and the offer of a new linked request for the rest.</summary>
    private static NotificationPayload InPart(InfoRequestRow row, WorkflowCommand command, Actor actor, string when)
    {
        var inPart = ApprovalRecords.Summary(row).InPart ?? throw new InvalidOperationException($"{row.Reference} has no approval in part");
        var text = $"Your request **{row.Reference}** (case {row.CaseReference}) was **approved in part** by {actor.Name} on {when}."
                   + $"\n\nApproved: {inPart.ApprovedText()}."
                   + $"\n\nNot approved: {inPart.LeftOutText()}. Why: {command.Text}"
                   + "\n\nShare only what was approved, securely, and record what you shared. Sharing anything more needs a new request, linked to this one.";
        return new NotificationPayload
        {
            Alert = true,
            Text = text,
            Card = SafeguardingCards.ApprovedInPart(row.Id, row.Reference,
                $"Sharing what was not approved ({inPart.LeftOutText()}) needs a new request. Start one here: it is filled in from {row.Reference}, asks only for what was left out, and is linked to it.",
                inPart.LeftOutCategoryIds),
        };
    }

    private static NotificationPayload Alert(string text) => new() { Alert = true, Text = text };
}
