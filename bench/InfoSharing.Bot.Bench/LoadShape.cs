namespace InfoSharing.Bot.Bench;

/// <summary>How many practitioners, and how long each pauses between turns.</summary>
public sealed record LoadShape(string Name, int Users, int PauseMs)
{
    /// <summary>200 practitioners, each pausing a second between turns: latency under ordinary use.</summary>
    public static readonly LoadShape Realistic = new("realistic", 200, 1000);

    /// <summary>50 practitioners with no pause: the throughput limit and CPU per turn.</summary>
    public static readonly LoadShape Saturated = new("saturated", 50, 0);
}
