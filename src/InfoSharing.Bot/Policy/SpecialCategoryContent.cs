namespace InfoSharing.Bot.Policy;

/// <summary>
/// One answer to step 2's direct question "does any of it reveal…": an Article 9(1) kind of special category data
/// in plain words, or the one "none of these" answer.
/// </summary>
public sealed record SpecialCategoryContent
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";

    /// <summary>"None of these": it cannot go with any other answer, nor with a category that reveals one.</summary>
    public bool None { get; init; }
}
