namespace InfoSharing.Bot.Policy;

/// <summary>The ids that cross-checks 2 and 3 of §4.4 refer to. Every id must exist in its list.</summary>
public sealed record CrossCheckRules
{
    /// <summary>Article 9 / criminal-offence conditions that rely on Schedule 1 paragraph 18.</summary>
    public IReadOnlyList<string> Para18ConditionIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>Who must be at risk (step 1, the person protected, not necessarily the data subject) for paragraph 18: a child or an adult at risk.</summary>
    public IReadOnlyList<string> Para18AtRiskTypeIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>At least one of these consent reasons is needed with paragraph 18.</summary>
    public IReadOnlyList<string> Para18ConsentReasonIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>Conditions that rely on Schedule 1 paragraph 10.</summary>
    public IReadOnlyList<string> Para10ConditionIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>At least one of these consent reasons is needed with paragraph 10.</summary>
    public IReadOnlyList<string> Para10ConsentReasonIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
}
