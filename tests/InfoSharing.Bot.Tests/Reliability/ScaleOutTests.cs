using System.Net;
using System.Text.Json;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>
/// Two bot instances on one PostgreSQL database with no sticky routing (README "Running more than one instance"): every
/// turn may land on either; dialogs, approvals and redeliveries behave as on one instance, and each outbox row is sent
/// by exactly one of them.
/// </summary>
[Collection(ReliabilityPostgresCollection.Name)]
public sealed class ScaleOutTests(ReliabilityPostgres postgres)
{
    [Fact]
    public async Task TwoInstances_EveryTurnOnEitherInstance_DialogsApprovalsAndNoticesHappenOnce()
    {
        Assert.SkipWhen(postgres.Server.SkipReason is not null, postgres.Server.SkipReason ?? "");
        await using var h = await ReliabilityHarness.StartAsync(instances: 2, settings: await postgres.DatabaseSettingsAsync());
        const int Practitioners = 6;

        await Task.WhenAll(Enumerable.Range(1, Practitioners).Select(n => h.SubmitRequestAsync(n, $"SO-10000{n}", alternateHosts: true)));
        var cards = await Task.WhenAll(Enumerable.Range(1, Practitioners).Select(n => h.ApprovalCardAsync($"SO-10000{n}")));
        var answers = await Task.WhenAll(cards.Select(async (card, i) =>
        {
            var invoke = h.Approve(card);
            var first = await (await h.Hosts[i % 2].PostAsync(invoke)).Content.ReadAsStringAsync();
            var again = await (await h.Hosts[(i + 1) % 2].PostAsync(invoke)).Content.ReadAsStringAsync(); // redelivered to the other one
            return (first, again);
        }));

        Assert.All(answers, a => Assert.Equal(a.first, a.again));
        await h.UntilAsync(db => db.Outbox.CountAsync(o => o.Operation == OutboxOperations.NotifyRequester && o.Purpose.StartsWith("tell requester") && o.Status == OutboxStatus.Sent).ContinueWith(t => t.Result == Practitioners), 30);
        await h.UntilAsync(db => db.Outbox.AllAsync(o => o.Status == OutboxStatus.Sent), 30);
        Assert.Equal(Practitioners, await h.QueryAsync(db => db.Requests.CountAsync(r => r.Status == RequestStatus.Approved)));
        Assert.Equal(Practitioners, await h.QueryAsync(db => db.ApprovalActions.CountAsync(a => a.Action == ApprovalVerbs.Approve)));
        Assert.Equal(Practitioners, h.Teams.ApprovalCards.Count);
        Assert.Empty(h.Teams.Duplicates());
        Assert.Equal(Practitioners, h.Teams.Accepted.Count(m => m.Body["text"]?.GetValue<string>().Contains("was **approved**", StringComparison.Ordinal) == true));
        var audit = await h.QueryAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        Assert.Null(InfoSharing.Bot.Storage.AuditChain.Verify(audit));
    }

    [Fact]
    public async Task TwoInstances_RacingForOneOutbox_SendEveryRowExactlyOnce()
    {
        Assert.SkipWhen(postgres.Server.SkipReason is not null, postgres.Server.SkipReason ?? "");
        await using var h = await ReliabilityHarness.StartAsync(instances: 2, settings: await postgres.DatabaseSettingsAsync());
        const int Rows = 40;
        var ids = Enumerable.Range(0, Rows).Select(_ => Guid.CreateVersion7()).ToList();

        // One commit of 40 pending card posts, then both instances are woken at once.
        await using (var scope = h.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            for (var i = 0; i < Rows; i++)
            {
                db.Requests.Add(SeededRequest(ids[i], i));
                outbox.Enqueue(OutboxOperations.PostApprovalCard, "approval card", ids[i]);
            }

            await db.SaveChangesAsync();
        }

        foreach (var host in h.Hosts)
        {
            host.Services.GetRequiredService<OutboxSignal>().Notify();
        }

        await h.UntilAsync(db => db.Outbox.CountAsync(o => o.Status == OutboxStatus.Sent).ContinueWith(t => t.Result == Rows), 30);
        Assert.Equal(Rows, h.Teams.ApprovalCards.Count);
        Assert.Equal(Rows, h.Teams.ApprovalCards.Select(c => c.RequestId).Distinct().Count());
        Assert.Empty(h.Teams.Duplicates());
        var owners = await h.QueryAsync(db => db.Outbox.Select(o => o.LockOwner).Distinct().CountAsync());
        TestContext.Current.SendDiagnosticMessage($"scale-out: {Rows} rows sent once each by {owners} instance(s)");
    }

    private static InfoRequestRow SeededRequest(Guid id, int i)
    {
        var reference = $"ISR-2026-{9000 + i}";
        var summary = new ApprovalSummary
        {
            Reference = reference,
            CaseReference = $"SO-{200000 + i}",
            MatterType = "Safeguarding a child",
            Urgency = "Within 24 hours",
            RequesterName = "Paula Practitioner",
            Categories = [],
            RecipientType = "Local authority children's social care",
            Purposes = ["Child protection referral"],
            LegalBasis = "Public task 6(1)(e)",
            ConsentStatus = "Not sought",
            Warnings = [],
            PolicyVersion = "test",
        };
        return new InfoRequestRow
        {
            Id = id,
            Reference = reference,
            Kind = "request",
            Status = RequestStatus.Pending,
            RequesterAadObjectId = "00000000-0000-4000-8000-000000000077",
            RequesterUserId = "29:practitioner-77",
            RequesterName = "Paula Practitioner",
            CaseReference = summary.CaseReference,
            MatterType = "safeguarding-child",
            PolicyVersion = "test",
            AnswersJson = "{}",
            SummaryJson = JsonSerializer.Serialize(summary, ApprovalsJsonContext.Default.ApprovalSummary),
            DetailJson = JsonSerializer.Serialize(new ApprovalDetail { Sections = [] }, ApprovalsJsonContext.Default.ApprovalDetail),
            SubmittedAt = DateTime.UtcNow,
        };
    }
}
