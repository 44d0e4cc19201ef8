using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Cards;

/// <summary>
/// What the approvers' card of an emergency record (retrospective review) or an advice consultation shows, read from
/// the record. <see cref="Facts"/> are titles from the policy lists and times: never free text about the person.
/// </summary>
public sealed record RecordCardModel
{
    public required Guid RecordId { get; init; }

    /// <summary><c>emergency</c> or <c>advice</c>.</summary>
    public required string Kind { get; init; }

    public required string Reference { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public required string StatusLine { get; init; }
    public string? Intro { get; init; }
    public required IReadOnlyList<(string Title, string Value)> Facts { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<ApprovalActionView> History { get; init; } = [];
    public string? DeliveryProblem { get; init; }

    /// <summary>True while the approvers are expected to act (acknowledge or raise a concern; answer).</summary>
    public bool AwaitingApprovers { get; init; }

    /// <summary>Teams user ids (29:…) that get the automatic user-specific detail view (max 60).</summary>
    public IReadOnlyList<string> RefreshUserIds { get; init; } = [];
}
