namespace InfoSharing.Bot.Policy;

public sealed record TextLimits
{
    public TextLimit CaseReference { get; init => field = value ?? new(); } = new();
    public TextLimit ItemsDescription { get; init => field = value ?? new(); } = new();
    public TextLimit ExpectedOutcome { get; init => field = value ?? new(); } = new();
    public TextLimit RiskIfNotShared { get; init => field = value ?? new(); } = new();
    public TextLimit Justification { get; init => field = value ?? new(); } = new();
    public TextLimit Explanation { get; init => field = value ?? new(); } = new();
    public TextLimit ShortText { get; init => field = value ?? new(); } = new();
    public TextLimit Detail { get; init => field = value ?? new(); } = new();
    public TextLimit Summary { get; init => field = value ?? new(); } = new();
    public TextLimit Views { get; init => field = value ?? new(); } = new();

    /// <summary>Every limit by name, for validation.</summary>
    public IEnumerable<(string Name, TextLimit Limit)> All() =>
    [
        ("caseReference", CaseReference), ("itemsDescription", ItemsDescription), ("expectedOutcome", ExpectedOutcome),
        ("riskIfNotShared", RiskIfNotShared), ("justification", Justification), ("explanation", Explanation),
        ("shortText", ShortText), ("detail", Detail), ("summary", Summary), ("views", Views),
    ];
}
