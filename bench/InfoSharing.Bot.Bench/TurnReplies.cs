namespace InfoSharing.Bot.Bench;

/// <summary>The reply activities one turn caused, in arrival order, with the arrival time of the last.</summary>
public sealed class TurnReplies
{
    private readonly Lock _lock = new();
    private readonly List<byte[]> _bodies = [];
    private long _lastAt;

    public void Add(long timestamp, byte[] body)
    {
        lock (_lock)
        {
            _bodies.Add(body);
            _lastAt = Math.Max(_lastAt, timestamp);
        }
    }

    public (IReadOnlyList<byte[]> Bodies, long LastAt) Snapshot()
    {
        lock (_lock)
        {
            return ([.. _bodies], _lastAt);
        }
    }
}
