using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Tests.Storage;

/// <summary>The SQLite write gate's lock: one holder, turns and background work served in turn when both wait.</summary>
public sealed class AlternatingLockTests
{
    [Fact]
    public async Task BothQueuesWaiting_AreServedInTurn_EachInItsOwnOrder()
    {
        var gate = new AlternatingLock();
        await gate.WaitAsync(TestContext.Current.CancellationToken); // a turn holds it
        var order = new List<string>();
        var waiters = new List<Task>();
        foreach (var (name, background) in new[] { ("turn1", false), ("outbox1", true), ("turn2", false), ("turn3", false), ("outbox2", true) })
        {
            waiters.Add(Queue(gate, name, background, order));
            await WaitUntilAsync(() => gate.Waiting == waiters.Count); // queued in this order
        }

        gate.Release();
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // A turn had it last, so the background queue goes first; then they alternate while both wait.
        Assert.Equal(["outbox1", "turn1", "outbox2", "turn2", "turn3"], order);
    }

    [Fact]
    public async Task QueuedWaiter_Cancelled_LeavesTheQueue_TheNextOneGetsTheLock()
    {
        var gate = new AlternatingLock();
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.WaitAsync(cancel.Token);
        var next = gate.WaitAsync(TestContext.Current.CancellationToken);

        await cancel.CancelAsync();
        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(cancel.Token, thrown.CancellationToken);
        Assert.False(next.IsCompleted);
        gate.Release();
        await next.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        gate.Release();
        await gate.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken); // free again
    }

    private static Task Queue(AlternatingLock gate, string name, bool background, List<string> order) => Task.Run(async () =>
    {
        if (background)
        {
            AlternatingLock.MarkBackground();
        }

        await gate.WaitAsync(CancellationToken.None);
        lock (order)
        {
            order.Add(name);
        }

        gate.Release();
    });

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUp, "the waiter was never queued");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
