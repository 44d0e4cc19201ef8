using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Storage;

/// <summary>Issues ISR-YYYY-NNNN references, unique under concurrency (a concurrency-checked counter per year).</summary>
public sealed class RequestReferences(BotDbContext db, AuditLog audit)
{
    /// <summary>
    /// Reserves the next number inside the caller's unit of work (the caller's SaveChanges commits it). Every record
    /// that gets a reference is audited, so the audit lock is taken first (<see cref="AuditLog.LockAsync"/>): it
    /// serialises record creation across instances, and the counter read below is the latest one.
    /// </summary>
    public async Task<string> NextAsync(string prefix, DateTime utcNow, CancellationToken cancellationToken)
    {
        await audit.LockAsync(cancellationToken);
        var year = utcNow.Year;
        // On PostgreSQL the counter row is locked until the caller commits, so concurrent callers take numbers one after
        // another instead of all reading the same one and all but one losing the concurrency check (retried, and under
        // load until the unit of work gives up). SQLite's immediate transaction already serialises them.
        var counter = db.IsPostgres
            ? (await db.ReferenceCounters
                .FromSql($"SELECT * FROM reference_counters WHERE \"Year\" = {year} FOR UPDATE")
                .ToListAsync(cancellationToken)).FirstOrDefault()
            : await db.ReferenceCounters.FirstOrDefaultAsync(c => c.Year == year, cancellationToken);
        if (counter is null)
        {
            counter = new ReferenceCounterRow { Year = year, LastNumber = 0 };
            db.ReferenceCounters.Add(counter);
        }

        counter.LastNumber++;
        return Format(prefix, year, counter.LastNumber);
    }

    public static string Format(string prefix, int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{number:0000}");
}
