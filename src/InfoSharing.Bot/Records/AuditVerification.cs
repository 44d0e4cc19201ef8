using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Records;

/// <summary>
/// Verifies the audit trail from the database, a page at a time in sequence order (memory stays bounded however
/// long the trail), stopping at the first broken link.
/// </summary>
public sealed class AuditVerification(BotDbContext db, TimeProvider time)
{
    private const int PageSize = 1000;

    public async Task<AuditVerificationReport> VerifyAsync(CancellationToken cancellationToken)
    {
        var verifier = new AuditChainVerifier();
        long after = long.MinValue;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            foreach (var entry in page)
            {
                if (verifier.Next(entry) is { } broken)
                {
                    return Report(verifier, broken);
                }
            }

            if (page.Count < PageSize)
            {
                return Report(verifier, null);
            }

            after = page[^1].Sequence;
        }
    }

    private AuditVerificationReport Report(AuditChainVerifier verifier, AuditChainBreak? broken) => new()
    {
        Intact = broken is null,
        VerifiedEntries = verifier.Count,
        HeadSequence = verifier.Count,
        HeadHash = verifier.HeadHash,
        CheckedAtUtc = time.GetUtcNow().UtcDateTime,
        FirstBreak = broken,
    };
}
