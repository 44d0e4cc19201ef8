using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Storage;

/// <summary>Issues ISR-YYYY-NNNN references, unique under concurrency (a concurrency-checked counter per year).</summary>
public sealed class RequestReferences(BotDbContext db)
{
    /// <summary>Reserves the next number inside the caller's unit of work (the caller's SaveChanges commits it).</summary>
    public async Task<string> NextAsync(string prefix, DateTime utcNow, CancellationToken cancellationToken)
    {
        var year = utcNow.Year;

        // On PostgreSQL the row is locked as it is read, so concurrent writers queue instead of all reading the same
        // number, failing the concurrency check and retrying together until the unit of work runs out of attempts (a
        // dozen at once did). SQLite's single writer already serialises this.
        var counter = db.Database.IsNpgsql()
            ? (await db.ReferenceCounters.FromSql($"SELECT * FROM reference_counters WHERE \"Year\" = {year} FOR UPDATE").ToListAsync(cancellationToken)).FirstOrDefault()
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
