namespace InfoSharing.Bot.Policy;

/// <summary>Will the person be told about the sharing?</summary>
public sealed record InformedOption
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public bool RequiresReason { get; init; }
    public bool RequiresReviewDate { get; init; }
}
