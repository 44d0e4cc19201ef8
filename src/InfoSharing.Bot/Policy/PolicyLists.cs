namespace InfoSharing.Bot.Policy;

/// <summary>Every list of docs/domain.md §4, in the order shown to the practitioner.</summary>
public sealed record PolicyLists
{
    public IReadOnlyList<ChoiceItem> MatterTypes { get; init; } = [];
    public IReadOnlyList<ChoiceItem> Directions { get; init; } = [];
    public IReadOnlyList<ChoiceItem> SubjectTypes { get; init; } = [];
    public IReadOnlyList<DataCategory> DataCategories { get; init; } = [];
    public IReadOnlyList<RecipientType> RecipientTypes { get; init; } = [];
    public IReadOnlyList<AgreementStatus> AgreementStatuses { get; init; } = [];
    public IReadOnlyList<SecureMethod> SecureMethods { get; init; } = [];
    public IReadOnlyList<Purpose> Purposes { get; init; } = [];
    public IReadOnlyList<MinimisationOption> MinimisationOptions { get; init; } = [];
    public IReadOnlyList<Article6Basis> Article6Bases { get; init; } = [];
    public IReadOnlyList<StatutoryFunction> StatutoryFunctions { get; init; } = [];
    public IReadOnlyList<LegalCondition> Article9Conditions { get; init; } = [];
    public IReadOnlyList<LegalCondition> CriminalOffenceConditions { get; init; } = [];
    public IReadOnlyList<ChoiceItem> NecessityChecks { get; init; } = [];
    public IReadOnlyList<ConsentStatus> ConsentStatuses { get; init; } = [];
    public IReadOnlyList<ChoiceItem> ConsentExceptionReasons { get; init; } = [];
    public IReadOnlyList<InformedOption> InformedOptions { get; init; } = [];
    public IReadOnlyList<AdviceOption> AdviceOptions { get; init; } = [];
    public IReadOnlyList<DeadlineOption> Deadlines { get; init; } = [];
}
