namespace InfoSharing.Bot.Policy;

/// <summary>Every list of docs/domain.md §4, in the order shown to the practitioner.</summary>
public sealed record PolicyLists
{
    public IReadOnlyList<ChoiceItem> MatterTypes { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<ChoiceItem> Directions { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<ChoiceItem> SubjectTypes { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>Who is at risk: the person the sharing protects (step 1), apart from who the information is about.</summary>
    public IReadOnlyList<ChoiceItem> AtRiskTypes { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<DataCategory> DataCategories { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>Step 2's direct question: the Article 9(1) kinds in plain words, and "none of these".</summary>
    public IReadOnlyList<SpecialCategoryContent> SpecialCategoryContent { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<RecipientType> RecipientTypes { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<AgreementStatus> AgreementStatuses { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<SecureMethod> SecureMethods { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<Purpose> Purposes { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<MinimisationOption> MinimisationOptions { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<Article6Basis> Article6Bases { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<StatutoryFunction> StatutoryFunctions { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<LegalCondition> Article9Conditions { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<LegalCondition> CriminalOffenceConditions { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<ChoiceItem> NecessityChecks { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>The checks step 6 asks: the list without its retired entries (kept only so older records read by title).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<ChoiceItem> AskedNecessityChecks => NecessityChecks.Where(c => !c.Retired);
    public IReadOnlyList<ConsentStatus> ConsentStatuses { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<ChoiceItem> ConsentExceptionReasons { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<InformedOption> InformedOptions { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<AdviceOption> AdviceOptions { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public IReadOnlyList<DeadlineOption> Deadlines { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>The reason codes an approver chooses from when declining (domain §7): the id is stored, the title shown.</summary>
    public IReadOnlyList<ChoiceItem> DeclineReasons { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
}
