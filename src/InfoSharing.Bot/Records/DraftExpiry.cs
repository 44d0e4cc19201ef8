using System.Globalization;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Records;

/// <summary>
/// Deletes abandoned drafts past their expiry (domain.md §3), each with its <c>draft-expired</c> audit entry in the
/// same transaction. A draft saved again since it was read (a new revision) is left alone.
/// </summary>
public sealed class DraftExpiry(BotDbContext db, UnitOfWork unitOfWork, AuditLog audit)
{
    private const int BatchSize = 100;

    /// <summary>Deletes every draft that expired before <paramref name="now"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTime now, CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            var expired = await db.DialogStates.AsNoTracking()
                .Where(d => d.ExpiresAt < now)
                .OrderBy(d => d.ExpiresAt)
                .Take(BatchSize)
                .Select(d => new { d.ConversationKey, d.Revision, d.StateJson, d.UserAadObjectId, d.ExpiresAt })
                .ToListAsync(cancellationToken);
            var removedInBatch = 0;
            foreach (var draft in expired)
            {
                var draftId = DialogStateJson.TryDeserialize(draft.StateJson, out var state) && state is not null ? state.DraftId : draft.ConversationKey;
                var removed = await unitOfWork.ExecuteAsync(async ct =>
                {
                    var n = await db.DialogStates.Where(d => d.ConversationKey == draft.ConversationKey && d.Revision == draft.Revision).ExecuteDeleteAsync(ct);
                    if (n == 1)
                    {
                        await audit.AppendAsync(AuditActions.System, AuditActions.DraftExpired, AuditActions.SubjectDraft, draftId, new JsonObject
                        {
                            ["expiresAtUtc"] = draft.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
                            ["owner"] = draft.UserAadObjectId,
                            ["trigger"] = "housekeeping",
                        }, ct);
                    }

                    return n;
                }, cancellationToken);
                removedInBatch += removed;
            }

            deleted += removedInBatch;
            if (expired.Count < BatchSize || removedInBatch == 0)
            {
                return deleted;
            }
        }
    }
}
