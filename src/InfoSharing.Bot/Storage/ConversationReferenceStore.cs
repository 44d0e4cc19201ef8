using InfoSharing.Bot.Protocol;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Storage;

/// <summary>Conversation references, refreshed from every authenticated inbound activity (protocol.md §2.2, pitfall 5).</summary>
public sealed class ConversationReferenceStore(BotDbContext db, TimeProvider time)
{
    /// <summary>
    /// Inserts or refreshes the activity's conversation reference in one statement (<c>INSERT ... ON CONFLICT DO UPDATE</c>,
    /// the same text on SQLite and PostgreSQL). The first activities of a new conversation often arrive together (Teams
    /// sends installationUpdate and conversationUpdate at once, on any instance): both succeed, neither fails and retries,
    /// so no unique-constraint failure is ever logged for this normal race. A value the activity does not carry keeps the
    /// stored one (<c>COALESCE</c>).
    /// </summary>
    public async Task UpsertAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("activity has no conversation id", nameof(activity));
        var channelId = activity.ChannelId ?? string.Empty;
        var key = $"{channelId}|{conversationId}";
        var channelData = ChannelDataReader.From(activity);
        var personal = activity.Conversation?.ConversationType is null or "personal";
        string? userId = null, userAadObjectId = null, userName = null;
        if (personal && activity.From is { Id: not null } user && !string.Equals(user.Role, "bot", StringComparison.Ordinal))
        {
            // In a 1:1 chat the user is the conversation's one other member: keep them for proactive notices.
            (userId, userAadObjectId, userName) = (user.Id, user.AadObjectId, user.Name);
        }

        var serviceUrl = activity.ServiceUrl;
        var conversationType = activity.Conversation?.ConversationType;
        var tenantId = activity.Conversation?.TenantId ?? channelData.TenantId;
        var botId = activity.Recipient?.Id;
        var botName = activity.Recipient?.Name;
        var teamId = channelData.TeamId;
        var teamsChannelId = channelData.TeamsChannelId;
        var now = time.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO conversation_references ("Key", "ChannelId", "ConversationId", "ConversationType", "ServiceUrl", "TenantId",
                "UserId", "UserAadObjectId", "UserName", "BotId", "BotName", "TeamId", "TeamsChannelId", "UpdatedAt")
            VALUES ({key}, {channelId}, {conversationId}, {conversationType}, {serviceUrl ?? string.Empty}, {tenantId},
                {userId}, {userAadObjectId}, {userName}, {botId}, {botName}, {teamId}, {teamsChannelId}, {now})
            ON CONFLICT ("Key") DO UPDATE SET
                "ServiceUrl" = COALESCE({serviceUrl}, conversation_references."ServiceUrl"),
                "ConversationType" = COALESCE(excluded."ConversationType", conversation_references."ConversationType"),
                "TenantId" = COALESCE(excluded."TenantId", conversation_references."TenantId"),
                "UserId" = COALESCE(excluded."UserId", conversation_references."UserId"),
                "UserAadObjectId" = CASE WHEN excluded."UserId" IS NULL THEN conversation_references."UserAadObjectId"
                    ELSE COALESCE(excluded."UserAadObjectId", conversation_references."UserAadObjectId") END,
                "UserName" = CASE WHEN excluded."UserId" IS NULL THEN conversation_references."UserName"
                    ELSE COALESCE(excluded."UserName", conversation_references."UserName") END,
                "BotId" = COALESCE(excluded."BotId", conversation_references."BotId"),
                "BotName" = COALESCE(excluded."BotName", conversation_references."BotName"),
                "TeamId" = COALESCE(excluded."TeamId", conversation_references."TeamId"),
                "TeamsChannelId" = COALESCE(excluded."TeamsChannelId", conversation_references."TeamsChannelId"),
                "DeadReason" = NULL,
                "UpdatedAt" = excluded."UpdatedAt"
            """,
            cancellationToken);
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
