using InfoSharing.Bot.Protocol;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Storage;

/// <summary>Conversation references, refreshed from every authenticated inbound activity (protocol.md §2.2, pitfall 5).</summary>
public sealed class ConversationReferenceStore(BotDbContext db, TimeProvider time)
{
    public async Task<ConversationReferenceRow> UpsertAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        var row = await StageAsync(activity, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>
    /// Reads the reference and applies the activity's values to it without saving: the caller's next SaveChanges
    /// writes it together with its own changes (one commit for the turn's redelivery claim and the reference).
    /// </summary>
    public async Task<ConversationReferenceRow> StageAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("activity has no conversation id", nameof(activity));
        var channelId = activity.ChannelId ?? string.Empty;
        var key = $"{channelId}|{conversationId}";
        var channelData = ChannelDataReader.From(activity);
        var personal = activity.Conversation?.ConversationType is null or "personal";

        var row = await db.ConversationReferences.FindAsync([key], cancellationToken);
        if (row is null)
        {
            row = new ConversationReferenceRow
            {
                Key = key,
                ChannelId = channelId,
                ConversationId = conversationId,
                ServiceUrl = activity.ServiceUrl ?? string.Empty,
            };
            db.ConversationReferences.Add(row);
        }

        row.ServiceUrl = activity.ServiceUrl ?? row.ServiceUrl;
        row.ConversationType = activity.Conversation?.ConversationType ?? row.ConversationType;
        row.TenantId = activity.Conversation?.TenantId ?? channelData.TenantId ?? row.TenantId;
        row.BotId = activity.Recipient?.Id ?? row.BotId;
        row.BotName = activity.Recipient?.Name ?? row.BotName;
        row.TeamId = channelData.TeamId ?? row.TeamId;
        row.TeamsChannelId = channelData.TeamsChannelId ?? row.TeamsChannelId;
        if (personal && activity.From is { Id: not null } user && !string.Equals(user.Role, "bot", StringComparison.Ordinal))
        {
            // In a 1:1 chat the user is the conversation's one other member: keep them for proactive notices.
            row.UserId = user.Id;
            row.UserAadObjectId = user.AadObjectId ?? row.UserAadObjectId;
            row.UserName = user.Name ?? row.UserName;
        }

        row.DeadReason = null;
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        return row;
    }

    public Task<ConversationReferenceRow?> GetAsync(string key, CancellationToken cancellationToken) =>
        db.ConversationReferences.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, cancellationToken);

    /// <summary>The most recently used 1:1 conversation with this user, by Entra object id or channel user id.</summary>
    public Task<ConversationReferenceRow?> FindPersonalAsync(string userAadObjectIdOrId, CancellationToken cancellationToken) =>
        db.ConversationReferences.AsNoTracking()
            .Where(r => (r.UserAadObjectId == userAadObjectIdOrId || r.UserId == userAadObjectIdOrId)
                        && (r.ConversationType == null || r.ConversationType == "personal"))
            .OrderByDescending(r => r.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Marks the conversation welcomed; false when it already was (the Playground re-sends install events).</summary>
    public async Task<bool> TryMarkWelcomedAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var updated = await db.ConversationReferences
            .Where(r => r.Key == key && r.WelcomedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.WelcomedAt, now), cancellationToken);
        return updated == 1;
    }

    public Task MarkDeadAsync(string key, string reason, CancellationToken cancellationToken) =>
        db.ConversationReferences.Where(r => r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DeadReason, reason), cancellationToken);
}
