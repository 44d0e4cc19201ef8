using InfoSharing.Bot.Records;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>Many writers issuing request references at once on PostgreSQL: they queue on the counter; none runs out of retries.</summary>
[Collection(ReliabilityPostgresCollection.Name)]
public sealed class ReferenceContentionTests(ReliabilityPostgres postgres)
{
    [Fact]
    public async Task FortyConcurrentWriters_IssueFortyConsecutiveReferences()
    {
        Assert.SkipWhen(postgres.Server.SkipReason is not null, postgres.Server.SkipReason ?? "");
        var connection = await postgres.Server.CreateDatabaseAsync();
        var options = new DbContextOptionsBuilder<PostgresBotDbContext>().UseNpgsql(connection).Options;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await using (var db = new PostgresBotDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        var references = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            await using var db = new PostgresBotDbContext(options);
            var audit = new AuditLog(db, clock);
            var uow = new UnitOfWork(db, audit, NullLogger<UnitOfWork>.Instance);
            return await uow.ExecuteAsync(ct => new RequestReferences(db, audit).NextAsync("ISR", clock.GetUtcNow().UtcDateTime, ct), default);
        }));

        Npgsql.NpgsqlConnection.ClearAllPools();
        Assert.Equal(Enumerable.Range(1, 40).Select(n => $"ISR-2026-{n:0000}").Order(), references.Order());
    }
}
