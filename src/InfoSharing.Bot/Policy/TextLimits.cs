namespace InfoSharing.Bot.Policy;

public sealed record TextLimits
{
    public TextLimit CaseReference { get; init; } = new();
    public TextLimit ItemsDescription { get; init; } = new();
    public TextLimit ExpectedOutcome { get; init; } = new();
    public TextLimit RiskIfNotShared { get; init; } = new();
    public TextLimit Justification { get; init; } = new();
    public TextLimit Explanation { get; init; } = new();
    public TextLimit ShortText { get; init; } = new();
    public TextLimit Detail { get; init; } = new();
    public TextLimit Summary { get; init; } = new();
    public TextLimit Views { get; init; } = new();

    /// <summary>Every limit by name, for validation.</summary>
    public IEnumerable<(string Name, TextLimit Limit)> All() =>
    [
        ("caseReference", CaseReference), ("itemsDescription", ItemsDescription), ("expectedOutcome", ExpectedOutcome),
        ("riskIfNotShared", RiskIfNotShared), ("justification", Justification), ("explanation", Explanation),
        ("shortText", ShortText), ("detail", Detail), ("summary", Summary), ("views", Views),
    ];
}
