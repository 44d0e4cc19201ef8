namespace InfoSharing.Bot.Policy;

/// <summary>The wording of step 2's direct questions on special category (Article 9) and criminal offence (Article 10) content.</summary>
public sealed record SpecialCategoryTexts
{
    public string Question { get; init => field = value ?? ""; } = "";
    public string Hint { get; init => field = value ?? ""; } = "";
    public string CriminalOffenceQuestion { get; init => field = value ?? ""; } = "";
}
