using InfoSharing.Bot.Records;
using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Hosting;

/// <summary>Periodic housekeeping: forgets expired redelivery ids and deletes abandoned drafts past their expiry (audited).</summary>
public sealed partial class MaintenanceService(IServiceScopeFactory scopes, TimeProvider time, ILogger<MaintenanceService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.Failed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = time.GetUtcNow().UtcDateTime;
        var ids = await scope.ServiceProvider.GetRequiredService<ActivityDeduplicator>().PurgeExpiredAsync(cancellationToken);
        var drafts = await scope.ServiceProvider.GetRequiredService<DraftExpiry>().PurgeAsync(now, cancellationToken); // each deletion audited
        if (ids + drafts > 0)
        {
            Log.Purged(logger, ids, drafts);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Housekeeping: {Ids} redelivery ids and {Drafts} expired drafts deleted")]
        public static partial void Purged(ILogger logger, int ids, int drafts);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Housekeeping failed")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
