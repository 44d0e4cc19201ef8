using System.Text.Json.Nodes;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Hosting;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    private static readonly Protocol.BotActivity Delivered = new()
    {
        Type = "message",
        Id = "race",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ChannelId = "msteams",
        From = new Protocol.ChannelAccount { Id = "29:d", AadObjectId = "aad-d", Name = "D" },
        Recipient = new Protocol.ChannelAccount { Id = "28:bot" },
        Conversation = new Protocol.ConversationAccount { Id = "c", ConversationType = "personal" },
    };

    private ActivityDeduplicator Deduplicator(BotDbContext db, BotOptions? options = null) =>
        new(db, new ConversationReferenceStore(db, Clock), Clock, Options.Create(options ?? new BotOptions()));

    [Fact]
    public async Task Deduplicator_ConcurrentDeliveriesOfOneActivity_ExactlyOneCommits_TheOthersWriteNothing()
    {
        var token = TestContext.Current.CancellationToken;
        var contexts = Enumerable.Range(0, 6).Select(_ => NewContext()).ToList();
        var turns = contexts.Select(db => Deduplicator(db)).ToList();
        foreach (var turn in turns)
        {
            Assert.Null(await turn.BeginAsync("msteams|c|race", Delivered, token)); // all running: nothing is written before the point of no return
        }

        var outcomes = await Task.WhenAll(turns.Select(async turn =>
        {
            try
            {
                await turn.CommitClaimNowAsync(token);
                return turn.Committed;
            }
            catch (TurnClaimLostException)
            {
                return turn.Committed ? throw new InvalidOperationException("a lost claim counted as committed") : false;
            }
        }));
        foreach (var db in contexts)
        {
            await db.DisposeAsync();
        }

        Assert.Equal(1, outcomes.Count(committed => committed));
        await using var check = NewContext();
        var row = await check.ProcessedActivities.AsNoTracking().SingleAsync(p => p.Key == "msteams|c|race", token);
        Assert.True(row.Completed);
        Assert.Equal(200, row.StatusCode);
        Assert.Equal(1, await check.ConversationReferences.CountAsync(r => r.Key == "msteams|c", token)); // written with the claim
    }

    [Fact]
    public async Task Deduplicator_IdSeenOutsideTheWindow_IsANewActivity()
    {
        var token = TestContext.Current.CancellationToken;
        var options = new BotOptions { DeduplicationWindow = TimeSpan.FromMinutes(30) };
        await using (var db = NewContext())
        {
            var first = Deduplicator(db, options);
            Assert.Null(await first.BeginAsync("msteams|c|old", Delivered, token));
            await first.CompleteAsync(200, "{\"first\":true}", token);
            Assert.NotNull(await Deduplicator(db, options).BeginAsync("msteams|c|old", Delivered, token)); // inside the window: a redelivery
        }

        Clock.Advance(TimeSpan.FromMinutes(31));
        await using (var db = NewContext())
        {
            var later = Deduplicator(db, options);
            Assert.Null(await later.BeginAsync("msteams|c|old", Delivered, token));
            await later.CommitClaimNowAsync(token);
            Assert.True(later.Committed);
            var row = await db.ProcessedActivities.AsNoTracking().SingleAsync(p => p.Key == "msteams|c|old", token);
            Assert.Null(row.ResponseBody); // the old answer is gone with the old activity
            Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddMinutes(30), row.ExpiresAt, TimeSpan.FromMilliseconds(1));
        }
    }

    [Fact]
    public async Task Deduplicator_SameKeyTwice_SecondGetsTheFirstResult_AndCannotCommit()
    {
        var token = TestContext.Current.CancellationToken;
        await using var db1 = NewContext();
        await using var db2 = NewContext();
        var first = Deduplicator(db1);
        var second = Deduplicator(db2);
        Assert.Null(await first.BeginAsync("msteams|c|1", Delivered, token));
        Assert.Null(await second.BeginAsync("msteams|c|1", Delivered, token)); // both running: neither has written yet
        await first.CompleteAsync(200, "{\"statusCode\":200}", token);

        await Assert.ThrowsAsync<TurnClaimLostException>(() => second.CommitClaimNowAsync(token));
        Assert.False(second.Committed);
        var earlier = await Deduplicator(db2).BeginAsync("msteams|c|1", Delivered, token);
        Assert.NotNull(earlier);
        Assert.True(earlier.Completed);
        Assert.Equal("{\"statusCode\":200}", earlier.ResponseBody);
    }

    [Fact]
    public async Task Deduplicator_ClaimLeftInFlightByAnEarlierVersion_HoldsUntilStale_ThenIsTakenOver()
    {
        var token = TestContext.Current.CancellationToken;
        var options = new BotOptions { TurnClaimTimeout = TimeSpan.FromSeconds(10) };
        await using var db = NewContext();
        var now = Clock.GetUtcNow().UtcDateTime;
        db.ProcessedActivities.Add(new ProcessedActivityRow { Key = "msteams|c|flight", ReceivedAt = now, ExpiresAt = now.AddMinutes(30) });
        await db.SaveChangesAsync(token);

        var fresh = await Deduplicator(db, options).BeginAsync("msteams|c|flight", Delivered, token);
        Assert.False(fresh!.Completed);
        Clock.Advance(TimeSpan.FromSeconds(11));
        var takeover = Deduplicator(db, options);
        Assert.Null(await takeover.BeginAsync("msteams|c|flight", Delivered, token));
        await takeover.CommitClaimNowAsync(token);
        Assert.True((await db.ProcessedActivities.AsNoTracking().SingleAsync(p => p.Key == "msteams|c|flight", token)).Completed);
    }

    [Fact]
    public async Task AuditSequenceWrittenTwice_FailsOnTheUniqueIndex_AsALostRaceTheUnitOfWorkRetries()
    {
        // The audit entry is a plain INSERT (not a tracked row): its duplicate is the provider's own unique violation,
        // not EF's DbUpdateException, and must still count as a lost race.
        var token = TestContext.Current.CancellationToken;
        await using var db = NewContext();
        var at = Clock.GetUtcNow().UtcDateTime;
        Task<int> Insert() => db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO audit_entries ("Sequence", "At", "Actor", "Action", "SubjectType", "PreviousHash", "Hash")
            VALUES ({9001L}, {at}, {"a"}, {"b"}, {"c"}, {"p"}, {"h"})
            """,
            token);
        await Insert();

        var duplicate = await Record.ExceptionAsync(Insert);

        Assert.NotNull(duplicate);
        Assert.True(UnitOfWork.IsLostRace(duplicate), duplicate.GetType().Name + ": " + duplicate.Message);
        Assert.False(UnitOfWork.IsLostRace(new InvalidOperationException("not a race")));
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

    [Fact]
    public async Task OutboxClaim_ARowAnotherProcessorTookAfterItWasRead_IsNotClaimedAgain_AndAnInterruptedPostIsNotResent()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = Clock.GetUtcNow().UtcDateTime;
        OutboxMessageRow Row(string operation, int age, DateTime? lockedUntil, DateTime? started, int attempts) => new()
        {
            Id = Guid.NewGuid(), Operation = operation, Purpose = "test", RequestId = Guid.NewGuid(), ServiceUrl = "http://127.0.0.2:9/",
            ConversationId = "19:c", ActivityId = "1", PayloadJson = "{}", Status = OutboxStatus.Pending, Attempts = attempts,
            CreatedAt = now.AddMinutes(-age), NextAttemptAt = now.AddMinutes(-5), LockedUntil = lockedUntil,
            LockOwner = lockedUntil is null ? null : "a crashed instance", SendStartedAt = started,
        };
        var fresh = Row(OutboxOperations.PostApprovalCard, 10, null, null, 0);
        var neverStarted = Row(OutboxOperations.NotifyRequester, 9, now.AddMinutes(-1), null, 1);
        var interruptedUpdate = Row(OutboxOperations.UpdateApprovalCard, 8, now.AddMinutes(-1), now.AddMinutes(-3), 1);
        var interruptedPost = Row(OutboxOperations.PostApprovalCard, 7, now.AddMinutes(-1), now.AddMinutes(-3), 2);
        var stillLeased = Row(OutboxOperations.NotifyRequester, 6, now.AddMinutes(1), now.AddMinutes(-1), 1);
        await using (var db = NewContext())
        {
            db.Outbox.AddRange(fresh, neverStarted, interruptedUpdate, interruptedPost, stillLeased);
            await db.SaveChangesAsync(ct);
        }

        // The first processor reads every due row and claims the oldest; while it sends that one, a second processor
        // reads what is left and claims the next, and holds it mid-send while the first goes on down its list as read.
        var dispatcher = new RecordingOutboxDispatcher();
        var services = new ServiceCollection()
            .AddScoped<BotDbContext>(_ => NewContext())
            .AddSingleton<IOutboxDispatcher>(dispatcher)
            .BuildServiceProvider();
        var options = Options.Create(new OutboxOptions { Concurrency = 1 });
        OutboxProcessor Processor() => new(services.GetRequiredService<IServiceScopeFactory>(), new OutboxSignal(), Clock, options, NullLogger<OutboxProcessor>.Instance);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int>? second = null;
        dispatcher.During = async row =>
        {
            if (row.Id == fresh.Id)
            {
                second = Task.Run(() => Processor().RunOnceAsync(ct), ct);
                await holding.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            }
            else if (row.Id == neverStarted.Id)
            {
                holding.TrySetResult();
                await release.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            }
        };

        var first = await Processor().RunOnceAsync(ct);
        release.TrySetResult();
        Assert.NotNull(second);
        Assert.Equal(1, await second);
        Assert.Equal(3, first);

        Assert.Equal(new[] { fresh.Id, neverStarted.Id, interruptedUpdate.Id }.Order(), dispatcher.Dispatched.Order());
        Assert.Equal([interruptedPost.Id], dispatcher.GaveUp);
        await using (var db = NewContext())
        {
            var rows = await db.Outbox.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
            Assert.All(new[] { fresh, neverStarted, interruptedUpdate }, r =>
            {
                Assert.Equal(OutboxStatus.Sent, rows[r.Id].Status);
                Assert.Equal(r.Attempts + 1, rows[r.Id].Attempts);
                Assert.Null(rows[r.Id].LockedUntil);
            });
            Assert.Equal(OutboxStatus.Unknown, rows[interruptedPost.Id].Status);
            Assert.Equal(3, rows[interruptedPost.Id].Attempts);
            Assert.Equal((OutboxStatus.Pending, 1, "a crashed instance"), (rows[stillLeased.Id].Status, rows[stillLeased.Id].Attempts, rows[stillLeased.Id].LockOwner));
        }
    }

    private sealed class RecordingOutboxDispatcher : IOutboxDispatcher
    {
        public Func<OutboxMessageRow, Task> During { get; set; } = _ => Task.CompletedTask;

        public System.Collections.Concurrent.ConcurrentBag<Guid> Dispatched { get; } = [];

        public System.Collections.Concurrent.ConcurrentBag<Guid> GaveUp { get; } = [];

        public async Task<OutboxDispatchResult> DispatchAsync(OutboxMessageRow message, CancellationToken cancellationToken)
        {
            Dispatched.Add(message.Id);
            await During(message);
            return OutboxDispatchResult.Done("19:c", "2");
        }

        public Task OnGaveUpAsync(OutboxMessageRow message, string status, string error, CancellationToken cancellationToken)
        {
            GaveUp.Add(message.Id);
            return Task.CompletedTask;
        }
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
