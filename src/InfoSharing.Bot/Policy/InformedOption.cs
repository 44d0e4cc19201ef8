namespace InfoSharing.Bot.Policy;

/// <summary>Will the person be told about the sharing?</summary>
public sealed record InformedOption
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public bool RequiresReason { get; init; }
    public bool RequiresReviewDate { get; init; }
}
