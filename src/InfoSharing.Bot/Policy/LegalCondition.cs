namespace InfoSharing.Bot.Policy;

/// <summary>An Article 9 condition or a criminal-offence data condition.</summary>
public sealed record LegalCondition
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public bool IsConsent { get; init; }

    /// <summary>A DPA 2018 Schedule 1 Part 2 condition (paragraphs 6, 10, 18): refused unless the organisation has an appropriate policy document.</summary>
    public bool RequiresAppropriatePolicyDocument { get; init; }

    /// <summary>One plain sentence saying when the condition applies, shown on the approval card beside the choice.</summary>
    public string Explanation { get; init => field = value ?? ""; } = "";
}
