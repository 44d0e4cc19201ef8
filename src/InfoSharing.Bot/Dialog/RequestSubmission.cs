namespace InfoSharing.Bot.Dialog;

/// <summary>
/// Everything the practitioner answered, with the policy version, routing and deadline, as submitted.
/// The requester's id is carried so that approvals can refuse a self-approval (cross-check 7).
/// </summary>
public sealed record RequestSubmission
{
    public required string DraftId { get; init; }
    public required DialogActor Requester { get; init; }
    public required string PolicyVersion { get; init; }
    public required int DialogVersion { get; init; }
    public required DateTimeOffset CreatedAtUtc { get; init; }
    public required DateTimeOffset SubmittedAtUtc { get; init; }

    public required bool ImmediateDanger { get; init; }
    public required AboutAnswers About { get; init; }
    public required WhatAnswers What { get; init; }
    public required WithWhomAnswers WithWhom { get; init; }
    public required WhyAnswers Why { get; init; }
    public required LegalBasisAnswers LegalBasis { get; init; }
    public required NecessityAnswers Necessity { get; init; }
    public required ConsentAnswers Consent { get; init; }
    public required AdviceAnswers Advice { get; init; }

    /// <summary>Chosen categories that are special category data (Article 9).</summary>
    public required IReadOnlyList<string> SpecialCategoryIds { get; init; }

    /// <summary>Chosen categories that are criminal offence data (Article 10).</summary>
    public required IReadOnlyList<string> CriminalOffenceCategoryIds { get; init; }

    public required RoutingDecision Routing { get; init; }

    public required string DeadlineId { get; init; }

    /// <summary>When a decision is needed, in UTC; null for a routine request.</summary>
    public DateTimeOffset? DueByUtc { get; init; }

    public IReadOnlyList<RequestWarning> Warnings { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>Fields the practitioner confirmed contain no identifying information despite a warning.</summary>
    public IReadOnlyList<string> ConfirmedNoIdentifierFields { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    public required bool DeclarationAccepted { get; init; }

    /// <summary>The earlier record this request follows, if any (stored as the record's LinkedRequestId).</summary>
    public RecordLink? Link { get; init; }

    /// <summary>The submitted answers as a draft's answers again (a reconsideration, a wider request, the case file).</summary>
    public DraftAnswers ToAnswers() => new()
    {
        Urgency = new UrgencyAnswers { ImmediateDanger = ImmediateDanger },
        About = About,
        What = What,
        WithWhom = WithWhom,
        Why = Why,
        LegalBasis = LegalBasis,
        Necessity = Necessity,
        Consent = Consent,
        Advice = Advice,
    };
}
