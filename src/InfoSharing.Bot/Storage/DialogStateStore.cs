using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// A conversation's dialog draft on the turn's hot path: read and saved with its revision check, inside the turn's unit
/// of work. Plain statements instead of LINQ (<see cref="PlainQuery"/>). The first save of a draft stays an EF insert
/// (<see cref="BotDbContext.DialogStates"/>), so a concurrent first turn is still a retried key violation.
/// </summary>
public sealed class DialogStateStore(BotDbContext db)
{
    /// <summary>The draft of the conversation, or null. Reads need no write gate (WAL readers run beside the writer).</summary>
    public async Task<DialogStateRow?> FindAsync(string conversationKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationKey);
        return await db.FirstOrNullAsync(
            """
            SELECT "UserAadObjectId", "DialogVersion", "StateJson", "Revision", "UpdatedAt", "ExpiresAt"
            FROM dialog_states WHERE "ConversationKey" = @key
            """,
            new Dictionary<string, object> { ["@key"] = conversationKey },
            reader => new DialogStateRow
            {
                ConversationKey = conversationKey,
                UserAadObjectId = reader.IsDBNull(0) ? null : reader.GetString(0),
                DialogVersion = reader.GetInt32(1),
                StateJson = reader.GetString(2),
                Revision = reader.GetInt64(3),
                UpdatedAt = reader.GetDateTime(4),
                ExpiresAt = reader.GetDateTime(5),
            },
            cancellationToken);
    }

    /// <summary>Saves a new state over the revision that was read; false when another turn saved first.</summary>
    public async Task<bool> UpdateAsync(
        string conversationKey, long revision, string stateJson, int dialogVersion, DateTime now, DateTime expiresAt, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE dialog_states SET "StateJson" = {stateJson}, "DialogVersion" = {dialogVersion}, "Revision" = {revision + 1},
                "UpdatedAt" = {now}, "ExpiresAt" = {expiresAt}
            WHERE "ConversationKey" = {conversationKey} AND "Revision" = {revision}
            """,
            cancellationToken) == 1;

    /// <summary>Ends the draft of the revision that was read; false when another turn saved first.</summary>
    public async Task<bool> DeleteAsync(string conversationKey, long revision, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"""DELETE FROM dialog_states WHERE "ConversationKey" = {conversationKey} AND "Revision" = {revision}""",
            cancellationToken) == 1;
}
