namespace InfoSharing.Bot.Policy;

/// <summary>
/// The versioned policy configuration (docs/domain.md §4): every list, rule switch and guidance text the
/// dialog uses. Loaded from <c>Policy/policy.json</c> by <see cref="PolicyLoader"/>, which validates it.
/// Properties have empty defaults (a missing or null part reads as empty, never null) so that the loader
/// can report every missing part at once.
/// </summary>
public sealed record PolicyDocument
{
    /// <summary>The policy version stored with every record, e.g. "2026.11.1".</summary>
    public string Version { get; init => field = value ?? ""; } = "";

    public OrganisationSettings Organisation { get; init => field = value ?? new(); } = new();

    /// <summary>An abandoned draft is deleted after this many days without activity.</summary>
    public int DraftExpiryDays { get; init; } = 7;

    public CaseReferenceSettings CaseReference { get; init => field = value ?? new(); } = new();

    public TextLimits Limits { get; init => field = value ?? new(); } = new();

    /// <summary>Cross-check 8: patterns of likely identifiers in free text.</summary>
    public IReadOnlyList<IdentifierPattern> IdentifierPatterns { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    public RoutingSettings Routing { get; init => field = value ?? new(); } = new();

    public PolicyLists Lists { get; init => field = value ?? new(); } = new();

    public CrossCheckRules CrossChecks { get; init => field = value ?? new(); } = new();

    /// <summary>Urgent purposes: their default deadline, the refusal of "routine", and the days that are not working days.</summary>
    public UrgencySettings Urgency { get; init => field = value ?? new(); } = new();

    public PolicyTexts Texts { get; init => field = value ?? new(); } = new();

    /// <summary>The safeguarding paths: emergency record, anonymised advice, outcome after approval.</summary>
    public SafeguardingPolicy Safeguarding { get; init => field = value ?? new(); } = new();
}
