namespace InfoSharing.Bot.Dialog;

public sealed record NecessityCheckAnswer
{
    public required string CheckId { get; init; }
    public required bool Met { get; init; }

    /// <summary>Required when <see cref="Met"/> is false.</summary>
    public string? Explanation { get; init; }
}
