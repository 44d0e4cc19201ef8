using System.Globalization;
using System.Text;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Records;

/// <summary>The `records` command: counts of requests by status, how many are past their review date, and the export link.</summary>
public sealed class RecordsSummary(BotDbContext db, IOptionsMonitor<RecordsOptions> options, TimeProvider time)
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

        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Requests.AsNoTracking().CountAsync(r => r.ContentDeletedAt == null && r.ReviewDate != null && r.ReviewDate <= now, cancellationToken);
        if (due > 0)
        {
            text.Append("- Past their review date: ").Append(due.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var o = options.CurrentValue;
        var root = string.IsNullOrWhiteSpace(o.PublicBaseUrl) ? string.Empty : o.PublicBaseUrl.TrimEnd('/');
        text.Append("\nExport for auditors (Entra ID sign-in with the ").Append(o.Auth.ReadRole).Append(" role): ")
            .Append(root).Append("/records/export.csv (CSV), ")
            .Append(root).Append("/records (JSON); one request's case file: ")
            .Append(root).Append("/records/<reference>/case-file\n");
        return text.ToString();
    }
}
