namespace InfoSharing.Bot.Storage;

/// <summary>
/// A lock with one holder and two first-come queues: the turns', and the background queues' (the outbox and the
/// scheduled jobs, <see cref="LeasedQueueWorker"/>). When both have waiters it hands over to them in turn, so neither
/// starves the other: with one FIFO queue, each of an outbox row's writes waited behind every turn already queued (fifty
/// under a saturated load), the outbox fell behind the turns that fill it, and approved requests' practitioners were told
/// minutes late (bench/README.md). A waiter is resumed on the thread pool, never inline in the releasing call.
/// </summary>
public sealed class AlternatingLock
{
    private static readonly AsyncLocal<bool> BackgroundFlow = new();
    private readonly Lock _sync = new();
    private readonly LinkedList<TaskCompletionSource> _turns = new();
    private readonly LinkedList<TaskCompletionSource> _background = new();
    private bool _held;
    private bool _backgroundHadLast;

    /// <summary>Marks the calling flow (and everything it starts) as background work for the rest of it.</summary>
    public static void MarkBackground() => BackgroundFlow.Value = true;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var background = BackgroundFlow.Value;
        LinkedListNode<TaskCompletionSource> node;
        lock (_sync)
        {
            if (!_held)
            {
                _held = true;
                _backgroundHadLast = background;
                return;
            }

            node = (background ? _background : _turns).AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        await using (cancellationToken.UnsafeRegister(
            static state =>
            {
                var (owner, waiting, token) = ((AlternatingLock, LinkedListNode<TaskCompletionSource>, CancellationToken))state!;
                owner.Cancel(waiting, token);
            },
            (this, node, cancellationToken)))
        {
            await node.Value.Task;
        }
    }

    /// <summary>How many wait (both queues).</summary>
    internal int Waiting
    {
        get
        {
            lock (_sync)
            {
                return _turns.Count + _background.Count;
            }
        }
    }

    public void Wait() => WaitAsync(CancellationToken.None).GetAwaiter().GetResult();

    public void Release()
    {
        TaskCompletionSource next;
        lock (_sync)
        {
            var first = _backgroundHadLast ? _turns : _background;
            var queue = first.Count > 0 ? first : first == _turns ? _background : _turns;
            if (queue.Count == 0)
            {
                _held = false;
                return;
            }

            next = queue.First!.Value;
            queue.RemoveFirst();
            _backgroundHadLast = queue == _background;
        }

        next.TrySetResult();
    }

    /// <summary>A waiter still queued leaves the queue and is cancelled; one the lock was already handed to keeps it.</summary>
    private void Cancel(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (node.List is null)
            {
                return;
            }

            node.List.Remove(node);
        }

        node.Value.TrySetCanceled(cancellationToken);
    }
}
