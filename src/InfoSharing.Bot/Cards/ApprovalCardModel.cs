using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Cards;

/// <summary>Everything the approval card shows, read from the decision record.</summary>
public sealed record ApprovalCardModel
{
    public required Guid RequestId { get; init; }
    public required ApprovalSummary Summary { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<ApprovalActionView> History { get; init; }
    public string? DecidedBy { get; init; }
    public DateTime? DecidedAtUtc { get; init; }
    public string? DecisionReasonTitle { get; init; }
    public string? Conditions { get; init; }

    /// <summary>A send that kept failing (e.g. the practitioner could not be told), shown to approvers.</summary>
    public string? DeliveryProblem { get; init; }

    /// <summary>The approvers' latest question went unanswered past the policy limit (Safeguarding:Reminders:MoreInfoUnansweredAfter).</summary>
    public bool QuestionUnanswered { get; init; }

    /// <summary>The decline reason codes offered (the policy's <c>lists.declineReasons</c>).</summary>
    public IReadOnlyList<ChoiceItem> DeclineReasons { get; init; } = [];

    /// <summary>What "approve in part" offers to untick: the request's categories and recipients (policy id, title); empty: not offered.</summary>
    public IReadOnlyList<ChoiceOption> InPartCategories { get; init; } = [];
    public IReadOnlyList<ChoiceOption> InPartRecipients { get; init; } = [];
    /// <summary>Whom the request can be handed to (Reassign): <c>role:…</c> and <c>person:…</c> ids with their titles; none: no Reassign action.</summary>
    public IReadOnlyList<ChoiceItem> ReassignChoices { get; init; } = [];

    /// <summary>The latest escalation found no one who may decide the request (the admins were told).</summary>
    public bool NoDecider { get; init; }

    /// <summary>Teams user ids (29:…) that get the automatic user-specific refresh (max 60).</summary>
    public IReadOnlyList<string> RefreshUserIds { get; init; } = [];
}
