namespace InfoSharing.Bot.Policy;

/// <summary>Inclusive length limits of a free-text answer, in characters after trimming.</summary>
public sealed record TextLimit
{
    public int Min { get; init; }

    public int Max { get; init; }
}
