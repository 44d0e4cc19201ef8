using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Hosting;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>
/// The audit trail over the real pipeline: one entry per state transition through a whole journey, free text kept
/// out, the chain verified by the endpoint and by <c>verify-audit</c>, and an altered, removed or moved row named.
/// (AuditChain's own alter/delete checks are in StorageContractTests.) Run on SQLite and PostgreSQL.
/// </summary>
public abstract class AuditTrailTests : IAsyncLifetime
{
    private RecordsJourney? _journey;

    protected RecordsJourney Journey => _journey ?? throw new InvalidOperationException("not started");

    protected abstract Task<RecordsDatabase> DatabaseAsync();

    public async ValueTask InitializeAsync() => _journey = await RecordsJourney.StartAsync(await DatabaseAsync());

    public async ValueTask DisposeAsync()
    {
        if (_journey is not null)
        {
            await _journey.DisposeAsync();
        }
    }

    [Fact]
    public async Task FullJourney_EveryStateTransition_WritesExactlyOneAuditEntry()
    {
        await Journey.RunAsync();

        var entries = await Journey.Host.AuditAsync();
        Assert.True(RecordsJourney.Actions.SequenceEqual(entries.Select(e => e.Action)), "audit trail: " + string.Join(", ", entries.Select(e => e.Action)));

        // the draft's entries name the draft, the request's name the request, and the submission links the two
        var draftId = entries.Single(e => e.Action == "draft-created").SubjectId;
        Assert.All(entries.Where(e => e.Action.StartsWith("draft-", StringComparison.Ordinal)), e => Assert.Equal(("draft", draftId), (e.SubjectType, e.SubjectId)));
        Assert.All(entries.Where(e => e.SubjectType == "request"), e => Assert.Equal(Journey.RequestId.ToString(), e.SubjectId));
        Assert.Equal(draftId, JsonNode.Parse(entries.Single(e => e.Action == "submitted").Details!)!["draftId"]!.GetValue<string>());
        var sections = entries.Where(e => e.Action == "draft-edited").Select(e => JsonNode.Parse(e.Details!)!["sections"]![0]!.GetValue<string>());
        Assert.Equal(["urgency", "about", "what", "withWhom", "why", "legalBasis", "necessity", "consent", "advice"], sections);

        // every approver action row has exactly one audit entry by the same person
        var actions = await Journey.Host.QueryAsync(db => db.ApprovalActions.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["submitted", "conflict", "moreInfo", "answered", "approve-partial", "approve"], actions.Select(a => a.Action));
        foreach (var action in actions)
        {
            var audited = action.Action == RecordActionKinds.Answered ? "more-info-answered" : action.Action;
            Assert.Single(entries, e => e.Action == audited && string.Equals(e.Actor, action.ActorAadObjectId, StringComparison.OrdinalIgnoreCase));
        }

        // the status moved pending → more information → pending → approved, one entry each, from/to recorded
        var moves = entries.Where(e => e.SubjectType == "request" && e.Details is not null)
            .Select(e => JsonNode.Parse(e.Details!)!.AsObject())
            .Where(d => d["from"] is not null && d["from"]!.GetValue<string>() != d["to"]!.GetValue<string>())
            .Select(d => $"{d["from"]}>{d["to"]}");
        Assert.Equal(["pending>more-info-requested", "more-info-requested>pending", "pending>approved"], moves);

        // free text stays out of the audit trail
        var details = string.Join("\n", entries.Select(e => e.Details));
        foreach (var text in (string[])["referral summaries", "informant", "taught the young person", "Which agency", "PR-2026-77", "secure email only", "CS-123456", "Prevent coordinator"])
        {
            Assert.DoesNotContain(text, details, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task FullJourney_Chain_VerifiesByEndpointAndCommandLine()
    {
        await Journey.RunAsync();

        var (status, body) = await Journey.Host.GetLocalAsync("/records/audit/verify");
        Assert.Equal(200, status);
        var report = JsonNode.Parse(body)!;
        Assert.True(report["intact"]!.GetValue<bool>(), body);
        Assert.Equal(RecordsJourney.Actions.Count, report["verifiedEntries"]!.GetValue<long>());
        Assert.Null(report["firstBreak"]);

        var (exit, output) = await AuditCommandLine.VerifyAsync(Journey.Host.StorageSettings);
        Assert.True(exit == 0, output);
        Assert.Contains($"audit trail intact: {RecordsJourney.Actions.Count} entries link", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alter", 12, 12, "was altered")]
    [InlineData("delete", 12, 13, "missing or out of order")]
    [InlineData("reorder", 12, 12, "does not link")]
    [InlineData("alter-last", 19, 19, "was altered")]
    public async Task TamperedRow_IsNamedByEndpointAndCommandLine(string tampering, long row, long named, string reason)
    {
        await Journey.RunAsync();
        await Journey.Host.QueryAsync(async db =>
        {
            switch (tampering)
            {
                case "alter" or "alter-last":
                    return await db.AuditEntries.Where(e => e.Sequence == row).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "someone-else"));
                case "delete":
                    return await db.AuditEntries.Where(e => e.Sequence == row).ExecuteDeleteAsync();
                default: // swap this row and the next (through a free number: the sequence is unique)
                    await db.AuditEntries.Where(e => e.Sequence == row).ExecuteUpdateAsync(s => s.SetProperty(e => e.Sequence, -1L));
                    await db.AuditEntries.Where(e => e.Sequence == row + 1).ExecuteUpdateAsync(s => s.SetProperty(e => e.Sequence, row));
                    return await db.AuditEntries.Where(e => e.Sequence == -1L).ExecuteUpdateAsync(s => s.SetProperty(e => e.Sequence, row + 1));
            }
        });

        var (status, body) = await Journey.Host.GetLocalAsync("/records/audit/verify");
        Assert.Equal(200, status);
        var report = JsonNode.Parse(body)!;
        Assert.False(report["intact"]!.GetValue<bool>());
        Assert.Equal(named, report["firstBreak"]!["sequence"]!.GetValue<long>());
        Assert.Contains(reason, report["firstBreak"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(row - 1, report["verifiedEntries"]!.GetValue<long>());

        var (exit, output) = await AuditCommandLine.VerifyAsync(Journey.Host.StorageSettings);
        Assert.True(exit == 1, output);
        Assert.Contains($"audit trail BROKEN at entry {named}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftRestartedCancelledDiscardedAndExpired_EachWriteOneEntry()
    {
        var host = Journey.Host;
        await Journey.SendAsync("new request");             // created
        await Journey.SendAsync("restart");                 // restarted (a new draft replaces the old)
        await Journey.SendAsync("cancel");                  // asked: delete, or record a decision not to share?
        await Journey.SubmitCardAsync(new Dictionary<string, string>(), Bot.Cards.CardData.CancelDelete); // cancelled
        await Journey.SendAsync("new request");             // created
        await Journey.SubmitCardAsync(new Dictionary<string, string> { ["immediateDanger"] = "yes" }); // discarded, and the emergency record begun
        await Journey.SendAsync("new request");             // created
        await Journey.SendAsync("help");                    // no change to the record: nothing audited
        await Journey.SendAsync("back");                    // navigation: nothing audited

        await Journey.TickAsync(TimeSpan.FromDays(8));      // past the draft's expiry
        await Journey.SendAsync("new request");             // expired (by this turn, or by housekeeping first) + created
        await Journey.TickAsync(TimeSpan.FromDays(8));
        var maintenance = host.Services.GetServices<IHostedService>().OfType<MaintenanceService>().Single();
        await maintenance.RunOnceAsync(TestContext.Current.CancellationToken); // expired by housekeeping

        // after approvers-registered; the emergency record's own reminders and escalation (due while the clock moved 16 days) are not draft transitions
        var entries = (await host.AuditAsync()).Skip(1).Where(e => IsDraftOrEmergencyStart(e.Action)).ToList();
        Assert.Equal(
            ["draft-created", "draft-restarted", "draft-cancelled", "draft-created", "draft-discarded", "emergency-declared", "draft-created", "draft-expired", "draft-created", "draft-expired"],
            entries.Select(e => e.Action));
        Assert.Equal("emergency-path", JsonNode.Parse(entries[4].Details!)!["reason"]!.GetValue<string>());
        Assert.Equal(entries[0].SubjectId, JsonNode.Parse(entries[1].Details!)!["previousDraftId"]!.GetValue<string>());
        Assert.Equal(entries[8].SubjectId, entries[9].SubjectId);
        Assert.Equal("housekeeping", JsonNode.Parse(entries[9].Details!)!["trigger"]!.GetValue<string>());
        Assert.Equal("system", entries[9].Actor);
        Assert.Equal(0, await host.QueryAsync(db => db.DialogStates.CountAsync()));
        Assert.Equal(entries.Count, (await host.AuditAsync()).Count(e => IsDraftOrEmergencyStart(e.Action)));
    }

    private static bool IsDraftOrEmergencyStart(string action) =>
        action.StartsWith("draft-", StringComparison.Ordinal) || action == "emergency-declared";
}

public sealed class SqliteAuditTrailTests : AuditTrailTests
{
    protected override Task<RecordsDatabase> DatabaseAsync() => Task.FromResult(RecordsDatabase.Sqlite);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditTrailTests(PostgresServer server) : AuditTrailTests
{
    protected override Task<RecordsDatabase> DatabaseAsync() => RecordsDatabase.PostgresAsync(server);
}
