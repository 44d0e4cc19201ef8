using InfoSharing.Bot.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// Recognises Teams' redelivery of an activity (same channel, conversation and id; protocol.md §1.4) across all
/// instances: the first delivery claims a row; a later one gets the first one's result instead of acting twice.
/// </summary>
public sealed class ActivityDeduplicator(BotDbContext db, TimeProvider time, IOptions<BotOptions> options)
{
    public static string KeyFor(string? channelId, string? conversationId, string activityId) => $"{channelId}|{conversationId}|{activityId}";

    /// <summary>Claims the key. Returns null when this is the first delivery, else the earlier delivery's row.</summary>
    public Task<ProcessedActivityRow?> TryClaimAsync(string key, CancellationToken cancellationToken) =>
        TryClaimAsync(key, null, cancellationToken);

    /// <summary>
    /// Claims the key, saving what <paramref name="stage"/> staged (the conversation reference) in the same commit as the
    /// claim; on a redelivery the staged changes are discarded with the failed claim.
    /// </summary>
    /// <param name="key">The activity's key (<see cref="KeyFor"/>).</param>
    /// <param name="stage">Stages changes to save with the claim (called before every attempt to claim).</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    public async Task<ProcessedActivityRow?> TryClaimAsync(string key, Func<CancellationToken, Task>? stage, CancellationToken cancellationToken)
    {
        if (stage is not null)
        {
            await stage(cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.ProcessedActivities.Add(new ProcessedActivityRow
        {
            Key = key,
            ReceivedAt = now,
            ExpiresAt = now + options.Value.DeduplicationWindow,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var existing = await db.ProcessedActivities.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            if (existing.ExpiresAt < now)
            {
                // An id seen long ago (outside the window) is a new activity: take the claim over.
                await db.ProcessedActivities.Where(p => p.Key == key).ExecuteDeleteAsync(cancellationToken);
                return await TryClaimAsync(key, stage, cancellationToken);
            }

            return existing;
        }
    }

    public Task CompleteAsync(string key, int statusCode, string? responseBody, CancellationToken cancellationToken) =>
        db.ProcessedActivities.Where(p => p.Key == key).ExecuteUpdateAsync(
            s => s.SetProperty(p => p.Completed, true).SetProperty(p => p.StatusCode, statusCode).SetProperty(p => p.ResponseBody, responseBody),
            cancellationToken);

    /// <summary>Forgets a claim whose turn failed, so the channel's redelivery can run it again.</summary>
    public Task ReleaseAsync(string key, CancellationToken cancellationToken) =>
        db.ProcessedActivities.Where(p => p.Key == key && !p.Completed).ExecuteDeleteAsync(cancellationToken);

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.ProcessedActivities.Where(p => p.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }
}
