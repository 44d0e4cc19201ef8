namespace InfoSharing.Bot.Connector;

/// <summary>
/// The moment an outbox send becomes "may have reached Teams": just before its first write (POST, PUT) leaves. The outbox
/// arms it around one dispatch with a step that records the start durably; <see cref="ConnectorClient"/> runs that step
/// once, before the write. So a process that dies after claiming a row but before anything left is known not to have
/// sent it, and the row is sent again; only a row whose write may have left is ended "unknown". The arming flows with
/// the dispatch's async calls only (one per send, side by side sends apart); elsewhere (a turn's direct replies) it
/// does nothing.
/// </summary>
public static class OutboxSendGuard
{
    private static readonly AsyncLocal<Armed?> Current = new();

    /// <summary>Arms the guard for the calls made until the returned scope is disposed.</summary>
    public static IDisposable Arm(Func<CancellationToken, Task> beforeFirstWrite)
    {
        var armed = new Armed(beforeFirstWrite);
        Current.Value = armed;
        return armed;
    }

    /// <summary>Runs the armed step once (if recording the start fails, the write does not leave).</summary>
    public static Task BeforeWriteAsync(CancellationToken cancellationToken) =>
        Current.Value is { } armed && Interlocked.Exchange(ref armed.Step, null) is { } step ? step(cancellationToken) : Task.CompletedTask;

    private sealed class Armed(Func<CancellationToken, Task> step) : IDisposable
    {
        public Func<CancellationToken, Task>? Step = step;

        public void Dispose() => Step = null;
    }
}
