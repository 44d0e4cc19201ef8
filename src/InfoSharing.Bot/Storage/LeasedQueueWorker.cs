namespace InfoSharing.Bot.Storage;

/// <summary>
/// The one loop of the bot's leased queues (the outbox, the scheduled jobs): work off what is due, then wait for the
/// queue's signal or the poll interval; a failed round is logged and the loop pauses, never stops. A consumer claims
/// each row with a compare-and-set lease (<see cref="Owner"/> marks its claims), so instances sharing one database
/// never work on the same row at once, and a row whose holder died is claimed again when its lease runs out.
/// </summary>
public abstract partial class LeasedQueueWorker(QueueSignal signal, ILogger logger) : BackgroundService
{
    /// <summary>This process's mark on the rows it claims.</summary>
    protected string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The queue's name in the log.</summary>
    protected abstract string QueueName { get; }

    protected abstract bool Enabled { get; }

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>Claims and works off what is due now; returns how many rows it claimed.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        AlternatingLock.MarkBackground(); // its writes queue apart from the turns' at the SQLite write gate
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) == 0)
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.LoopFailed(logger, ex, QueueName);
                try
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "The {Queue} loop failed; pausing")]
        public static partial void LoopFailed(ILogger logger, Exception exception, string queue);
    }
}
