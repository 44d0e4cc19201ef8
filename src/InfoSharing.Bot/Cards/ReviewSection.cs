namespace InfoSharing.Bot.Cards;

/// <summary>One section of the review card, with an Edit button that jumps to <see cref="Step"/>.</summary>
public sealed record ReviewSection
{
    public required int Step { get; init; }

    public required string Title { get; init; }

    public required IReadOnlyList<ReviewFact> Facts { get; init; }

    /// <summary>A problem found in this section, shown in the attention colour.</summary>
    public string? Error { get; init; }
}
