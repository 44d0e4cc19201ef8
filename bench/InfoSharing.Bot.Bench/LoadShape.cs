namespace InfoSharing.Bot.Bench;

/// <summary>
/// How many practitioners, and how long each pauses between turns. A pause is drawn afresh each time, uniformly within
/// <see cref="PauseSpread"/> of <see cref="PauseMs"/> either side (the mean stays <see cref="PauseMs"/>): people do not
/// answer a card on a metronome, and users who all pause exactly the same time are never spread again once a slow
/// moment has bunched them (they come back together, one pause later, for ever), which measures the load generator's
/// waves rather than the bot (bench/README.md).
/// </summary>
public sealed record LoadShape(string Name, int Users, int PauseMs, double PauseSpread = 0)
{
    /// <summary>200 practitioners, each pausing about a second (0.5–1.5 s) between turns: latency under ordinary use.</summary>
    public static readonly LoadShape Realistic = new("realistic", 200, 1000, 0.5);

    /// <summary>50 practitioners with no pause: the throughput limit and CPU per turn.</summary>
    public static readonly LoadShape Saturated = new("saturated", 50, 0);

    /// <summary>Before a user's first turn: anywhere in one pause, so the users start spread out.</summary>
    public int FirstDelayMs() => PauseMs > 0 ? Random.Shared.Next(PauseMs) : 0;

    /// <summary>The pause before a user's next turn.</summary>
    public int NextPauseMs()
    {
        if (PauseMs <= 0)
        {
            return 0;
        }

        var spread = PauseMs * Math.Clamp(PauseSpread, 0, 1);
        return (int)Math.Round(PauseMs - spread + (Random.Shared.NextDouble() * 2 * spread));
    }
}
