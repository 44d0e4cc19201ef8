namespace InfoSharing.Bot.Policy;

/// <summary>
/// The versioned policy configuration (docs/domain.md §4): every list, rule switch and guidance text the
/// dialog uses. Loaded from <c>Policy/policy.json</c> by <see cref="PolicyLoader"/>, which validates it.
/// Properties have empty defaults so that the loader can report every missing part at once.
/// </summary>
public sealed record PolicyDocument
{
    /// <summary>The policy version stored with every record, e.g. "2026.11.1".</summary>
    public string Version { get; init; } = "";

    public OrganisationSettings Organisation { get; init; } = new();

    /// <summary>An abandoned draft is deleted after this many days without activity.</summary>
    public int DraftExpiryDays { get; init; } = 7;

    public CaseReferenceSettings CaseReference { get; init; } = new();

    public TextLimits Limits { get; init; } = new();

    /// <summary>Cross-check 8: patterns of likely identifiers in free text.</summary>
    public IReadOnlyList<IdentifierPattern> IdentifierPatterns { get; init; } = [];

    public RoutingSettings Routing { get; init; } = new();

    public PolicyLists Lists { get; init; } = new();

    public CrossCheckRules CrossChecks { get; init; } = new();

    public PolicyTexts Texts { get; init; } = new();
}
