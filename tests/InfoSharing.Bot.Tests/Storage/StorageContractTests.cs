using System.Text.Json.Nodes;
using InfoSharing.Bot.Hosting;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Protocol;

namespace InfoSharing.Bot.Tests.Storage;

/// <summary>The storage behaviour every provider must have; run on SQLite and on a real PostgreSQL server.</summary>
public abstract class StorageContractTests : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync()
    {
        await PrepareAsync();
        await using var db = NewContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected abstract Task PrepareAsync();

    protected abstract BotDbContext NewContext();

    [Fact]
    public async Task Migrations_AppliedToFreshDatabase_MatchTheModel()
    {
        await using var db = NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run tools/MigrationsTool");
    }

    [Fact]
    public async Task ConversationReference_NewServiceUrl_IsRefreshedAndSurvivesANewContext()
    {
        var activity = new Protocol.BotActivity
        {
            Type = "message",
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            ChannelId = "msteams",
            From = new Protocol.ChannelAccount { Id = "29:u", AadObjectId = "aad-u", Name = "U" },
            Recipient = new Protocol.ChannelAccount { Id = "28:bot" },
            Conversation = new Protocol.ConversationAccount { Id = "a:1", ConversationType = "personal" },
        };
        await using (var db = NewContext())
        {
            await new ConversationReferenceStore(db, Clock).UpsertAsync(activity, default);
            await new ConversationReferenceStore(db, Clock).UpsertAsync(activity with { ServiceUrl = "https://smba.trafficmanager.net/uk/" }, default);
        }

        await using (var db = NewContext())
        {
            var found = await new ConversationReferenceStore(db, Clock).FindPersonalAsync("aad-u", default);
            Assert.NotNull(found);
            Assert.Equal("https://smba.trafficmanager.net/uk/", found.ServiceUrl);
            Assert.Equal("a:1", found.ConversationId);
        }
    }

    [Fact]
    public async Task ConversationReference_ConcurrentFirstActivities_AllSucceedOneRowLaterValuesKeptMissingOnesNotErased()
    {
        var token = TestContext.Current.CancellationToken;
        var install = new Protocol.BotActivity
        {
            Type = "installationUpdate",
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            ChannelId = "msteams",
            From = new Protocol.ChannelAccount { Id = "29:v", AadObjectId = "aad-v", Name = "V" },
            Recipient = new Protocol.ChannelAccount { Id = "28:bot", Name = "InfoSharing" },
            Conversation = new Protocol.ConversationAccount { Id = "a:race", ConversationType = "personal", TenantId = "tenant-1" },
        };

        // Teams sends installationUpdate and conversationUpdate at once: every delivery succeeds (none throws and retries).
        var contexts = Enumerable.Range(0, 8).Select(_ => NewContext()).ToList();
        await Task.WhenAll(contexts.Select((db, i) => new ConversationReferenceStore(db, Clock).UpsertAsync(
            i % 2 == 0 ? install : install with { Type = "conversationUpdate" }, token)));
        foreach (var db in contexts)
        {
            await db.DisposeAsync();
        }

        await using (var db = NewContext())
        {
            // A later activity without tenant, user name or bot name keeps the stored ones; its new serviceUrl wins.
            var bare = install with
            {
                ServiceUrl = "https://smba.trafficmanager.net/uk/",
                Recipient = new Protocol.ChannelAccount { Id = "28:bot" },
                From = new Protocol.ChannelAccount { Id = "29:v" },
                Conversation = new Protocol.ConversationAccount { Id = "a:race", ConversationType = "personal" },
            };
            await new ConversationReferenceStore(db, Clock).UpsertAsync(bare, token);
            await new ConversationReferenceStore(db, Clock).MarkDeadAsync("msteams|a:race", "blocked", token);
            await new ConversationReferenceStore(db, Clock).UpsertAsync(bare, token); // an inbound activity revives it
        }

        await using (var db = NewContext())
        {
            var rows = await db.ConversationReferences.AsNoTracking().Where(r => r.ConversationId == "a:race").ToListAsync(token);
            var row = Assert.Single(rows);
            Assert.Equal("https://smba.trafficmanager.net/uk/", row.ServiceUrl);
            Assert.Equal("tenant-1", row.TenantId);
            Assert.Equal(("29:v", "aad-v", "V"), (row.UserId, row.UserAadObjectId, row.UserName));
            Assert.Equal(("28:bot", "InfoSharing"), (row.BotId, row.BotName));
            Assert.Null(row.DeadReason);
            Assert.Equal(Clock.GetUtcNow().UtcDateTime, row.UpdatedAt);
        }
    }

    [Fact]
    public async Task Deduplicator_ConcurrentDeliveriesOfOneActivity_ExactlyOneClaims()
    {
        var token = TestContext.Current.CancellationToken;
        var options = Options.Create(new BotOptions());
        var contexts = Enumerable.Range(0, 6).Select(_ => NewContext()).ToList();
        var claims = await Task.WhenAll(contexts.Select(db => new ActivityDeduplicator(db, Clock, options).TryClaimAsync("msteams|c|race", token)));
        foreach (var db in contexts)
        {
            await db.DisposeAsync();
        }

        Assert.Equal(1, claims.Count(c => c is null));
        Assert.All(claims.Where(c => c is not null), c => Assert.False(c!.Completed));
    }

    [Fact]
    public async Task Deduplicator_IdSeenOutsideTheWindow_IsANewActivity()
    {
        var token = TestContext.Current.CancellationToken;
        var options = Options.Create(new BotOptions { DeduplicationWindow = TimeSpan.FromMinutes(30) });
        await using (var db = NewContext())
        {
            var first = new ActivityDeduplicator(db, Clock, options);
            Assert.Null(await first.TryClaimAsync("msteams|c|old", token));
            await first.CompleteAsync("msteams|c|old", 200, null, token);
        }

        Clock.Advance(TimeSpan.FromMinutes(31));
        await using (var db = NewContext())
        {
            Assert.Null(await new ActivityDeduplicator(db, Clock, options).TryClaimAsync("msteams|c|old", token));
            var row = await db.ProcessedActivities.AsNoTracking().SingleAsync(p => p.Key == "msteams|c|old", token);
            Assert.False(row.Completed);
            Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddMinutes(30), row.ExpiresAt, TimeSpan.FromMilliseconds(1));
        }
    }

    [Fact]
    public async Task Deduplicator_SameKeyTwice_SecondGetsTheFirstResult()
    {
        var options = Options.Create(new BotOptions());
        await using var db1 = NewContext();
        await using var db2 = NewContext();
        Assert.Null(await new ActivityDeduplicator(db1, Clock, options).TryClaimAsync("msteams|c|1", default));
        await new ActivityDeduplicator(db1, Clock, options).CompleteAsync("msteams|c|1", 200, "{\"statusCode\":200}", default);
        var second = await new ActivityDeduplicator(db2, Clock, options).TryClaimAsync("msteams|c|1", default);
        Assert.NotNull(second);
        Assert.True(second.Completed);
        Assert.Equal("{\"statusCode\":200}", second.ResponseBody);
    }

    [Fact]
    public async Task References_IssuedConcurrently_AreUniqueAndConsecutive()
    {
        var references = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            await using var db = NewContext();
            var audit = new AuditLog(db, Clock);
            var uow = new UnitOfWork(db, audit, NullLogger<UnitOfWork>.Instance);
            return await uow.ExecuteAsync(ct => new RequestReferences(db, audit).NextAsync("ISR", Clock.GetUtcNow().UtcDateTime, ct), default);
        }));
        Assert.Equal(12, references.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"ISR-2026-{n:0000}").Order(), references.Order());
    }

    [Fact]
    public async Task AuditTrail_ConcurrentAppends_FormOneChainThatVerifies()
    {
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            await using var db = NewContext();
            var audit = new AuditLog(db, Clock);
            var uow = new UnitOfWork(db, audit, NullLogger<UnitOfWork>.Instance);
            await uow.ExecuteAsync(ct => audit.AppendAsync($"actor-{i}", "submitted", "request", $"r{i}", new JsonObject { ["n"] = i }, ct), default);
        }));
        await using var check = NewContext();
        var entries = await check.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(10, entries.Count);
        Assert.Null(AuditChain.Verify(entries));
    }

    [Fact]
    public async Task AuditTrail_RowAlteredOrDeleted_IsDetectedAtThatRow()
    {
        await using (var db = NewContext())
        {
            var audit = new AuditLog(db, Clock);
            var uow = new UnitOfWork(db, audit, NullLogger<UnitOfWork>.Instance);
            for (var i = 0; i < 4; i++)
            {
                await uow.ExecuteAsync(ct => audit.AppendAsync("a", "step", "request", $"r{i}", null, ct), default);
            }
        }

        await using (var db = NewContext())
        {
            await db.AuditEntries.Where(e => e.Sequence == 2).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "someone else"), TestContext.Current.CancellationToken);
            var altered = AuditChain.Verify(await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken));
            Assert.Equal(2, altered?.Sequence);

            await db.AuditEntries.Where(e => e.Sequence == 2).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
            var removed = AuditChain.Verify(await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken));
            Assert.Equal(3, removed?.Sequence);
        }
    }

    [Fact]
    public async Task DialogState_TwoWritersFromTheSameRevision_OnlyOneWins()
    {
        await using (var db = NewContext())
        {
            db.DialogStates.Add(new DialogStateRow { ConversationKey = "msteams|a:race", StateJson = "{}", Revision = 1 });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            await using var db = NewContext();
            return await db.DialogStates.Where(d => d.ConversationKey == "msteams|a:race" && d.Revision == 1)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.StateJson, $"{{\"writer\":{i}}}").SetProperty(d => d.Revision, 2), default);
        }));
        Assert.Equal(1, results.Sum());
    }
}

public sealed class SqliteStorageTests : StorageContractTests, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"infosharing-storage-{Guid.NewGuid():N}.db");

    protected override Task PrepareAsync() => Task.CompletedTask;

    protected override BotDbContext NewContext() =>
        new SqliteBotDbContext(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite($"Data Source={_file};Default Timeout=30").Options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests(PostgresServer server) : StorageContractTests
{
    private string? _connectionString;

    protected override async Task PrepareAsync()
    {
        if (server.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        _connectionString = await server.CreateDatabaseAsync();
    }

    protected override BotDbContext NewContext() =>
        new PostgresBotDbContext(new DbContextOptionsBuilder<PostgresBotDbContext>().UseNpgsql(_connectionString).Options);
}
