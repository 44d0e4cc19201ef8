using Microsoft.Extensions.Time.Testing;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also records the due time of every timer created (Task.Delay and
/// CancellationTokenSource timeouts both create one), so a test can wait for "the client is now waiting N" and then advance.
/// </summary>
public sealed class RecordingTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider inner = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly Lock gate = new();
    private readonly List<TimeSpan> dueTimes = [];
    private TaskCompletionSource timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int consumed;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (gate)
            {
                return [.. dueTimes];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        lock (gate)
        {
            dueTimes.Add(dueTime);
            timerCreated.TrySetResult();
            timerCreated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return timer;
    }

    public void Advance(TimeSpan delta) => inner.Advance(delta);

    /// <summary>
    /// Waits (real time, at most 5 s) for the next timer, not returned before, whose due time satisfies <paramref name="matches"/>,
    /// or for <paramref name="stopWaiting"/> to complete (then null).
    /// </summary>
    public async Task<TimeSpan?> WaitForTimerAsync(Func<TimeSpan, bool> matches, Task stopWaiting, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(5));
        while (true)
        {
            Task created;
            lock (gate)
            {
                for (; consumed < dueTimes.Count; consumed++)
                {
                    if (matches(dueTimes[consumed]))
                    {
                        return dueTimes[consumed++];
                    }
                }

                created = timerCreated.Task;
            }

            if (stopWaiting.IsCompleted)
            {
                return null;
            }

            try
            {
                await Task.WhenAny(created, stopWaiting).WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("No matching timer was created within 5 s.");
            }
        }
    }
}
