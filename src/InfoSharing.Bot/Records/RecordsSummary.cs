using System.Text;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Records;

/// <summary>The `records` command: counts of requests by status.</summary>
public sealed class RecordsSummary(BotDbContext db)
{
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Requests.AsNoTracking().GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var text = new StringBuilder("**Information-sharing records**\n\n");
        if (counts.Count == 0)
        {
            text.Append("No requests yet.\n");
        }

        foreach (var c in counts.OrderBy(c => c.Status, StringComparer.Ordinal))
        {
            text.Append("- ").Append(RequestStatus.Title(c.Status)).Append(": ").Append(c.Count).Append('\n');
        }

        return text.ToString();
    }
}
