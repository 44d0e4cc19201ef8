using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Approvals;

/// <summary>The one approvers' conversation (key <c>approvers</c>).</summary>
public sealed class ApproverChannelStore(BotDbContext db)
{
    public const string Key = "approvers";

    public Task<ApproverChannelRow?> GetAsync(CancellationToken cancellationToken) =>
        db.ApproverChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Key == Key, cancellationToken);

    /// <summary>Sets the approvers' conversation inside the caller's unit of work.</summary>
    public async Task SetAsync(ApproverChannelRow channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var existing = await db.ApproverChannels.FirstOrDefaultAsync(c => c.Key == Key, cancellationToken);
        if (existing is not null)
        {
            db.ApproverChannels.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
        }

        db.ApproverChannels.Add(channel);
    }
}
