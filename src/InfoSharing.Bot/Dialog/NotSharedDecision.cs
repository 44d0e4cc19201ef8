namespace InfoSharing.Bot.Dialog;

/// <summary>
/// A decision not to share (§3.1, golden rule 7), as stored in the not-shared record's answers: the draft's answers so
/// far, the reasons ticked (ids of <see cref="NotSharedForm.Reasons"/>), the practitioner's sentence and the policy version.
/// </summary>
public sealed record NotSharedDecision
{
    public required string DraftId { get; init; }

    /// <summary>The policy version in force when the decision was recorded.</summary>
    public required string PolicyVersion { get; init; }

    public required DialogStep LastStep { get; init; }

    public required DraftAnswers Answers { get; init; }

    public required IReadOnlyList<string> ReasonIds { get; init; }

    /// <summary>Why, in a sentence (checked for identifiers like every free text).</summary>
    public required string Why { get; init; }

    public required DateTimeOffset DraftCreatedAtUtc { get; init; }

    public IReadOnlyList<string> ConfirmedNoIdentifierFields { get; init; } = [];
}
