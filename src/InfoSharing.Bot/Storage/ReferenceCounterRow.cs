namespace InfoSharing.Bot.Storage;

/// <summary>The last ISR-YYYY-NNNN number issued in a year; advanced with a concurrency check.</summary>
public sealed class ReferenceCounterRow
{
    public required int Year { get; init; }
    public int LastNumber { get; set; }
}
