namespace InfoSharing.Bot.Policy;

/// <summary>
/// The lists and texts of the safeguarding paths (docs/domain.md §3 after approval, §5 emergency, §6 advice):
/// age bands and suggested outcomes of an anonymised consultation, the outcome choices of a shared record,
/// and the short guidance shown on each form. Section <c>safeguarding</c> of policy.json.
/// </summary>
public sealed record SafeguardingPolicy
{
    /// <summary>Age bands an anonymised consultation may give instead of a date of birth.</summary>
    public IReadOnlyList<ChoiceItem> AgeBands { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>The outcome an approver suggests in answer to a consultation (share / don't share / referral / more information).</summary>
    public IReadOnlyList<ChoiceItem> AdviceOutcomes { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>What happened after approval: shared as approved, shared with changes, not shared.</summary>
    public IReadOnlyList<OutcomeOption> OutcomeOptions { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>Was the organisation that asked for the information told it will not be shared?</summary>
    public IReadOnlyList<ChoiceItem> RequesterToldOptions { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    public SafeguardingTexts Texts { get; init => field = value ?? new(); } = new();
}

/// <summary>One outcome choice of the after-approval record.</summary>
public sealed record OutcomeOption
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public OutcomeKind Kind { get; init; }
}

public enum OutcomeKind
{
    SharedAsApproved,
    SharedWithChanges,
    NotShared,
}

/// <summary>Guidance on the safeguarding forms and cards.</summary>
public sealed record SafeguardingTexts
{
    public string EmergencyRecordIntro { get; init => field = value ?? ""; } = "";
    public string EmergencyFullIntro { get; init => field = value ?? ""; } = "";
    public string ReviewIntro { get; init => field = value ?? ""; } = "";
    public string AdviceIntro { get; init => field = value ?? ""; } = "";
    public string OutcomeIntro { get; init => field = value ?? ""; } = "";
    public string WiderScope { get; init => field = value ?? ""; } = "";
    public string Reconsider { get; init => field = value ?? ""; } = "";

    public IEnumerable<(string Name, string Text)> All() =>
    [
        ("emergencyRecordIntro", EmergencyRecordIntro), ("emergencyFullIntro", EmergencyFullIntro), ("reviewIntro", ReviewIntro),
        ("adviceIntro", AdviceIntro), ("outcomeIntro", OutcomeIntro), ("widerScope", WiderScope), ("reconsider", Reconsider),
    ];
}
