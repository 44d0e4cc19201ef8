using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Approvals;

/// <summary>
/// A running bot with an approvers' channel and one submitted request whose card has been posted, so a test can
/// click on it. Approver / DPO / practitioner identities as configured in a deployment.
/// </summary>
public sealed class ApprovalScenario : IAsyncDisposable
{
    public const string PractitionerAad = "aaaaaaaa-0000-0000-0000-000000000001";
    public const string ApproverAad = "aaaaaaaa-0000-0000-0000-000000000002";
    public const string SecondApproverAad = "aaaaaaaa-0000-0000-0000-000000000003";
    public const string DpoAad = "aaaaaaaa-0000-0000-0000-000000000004";
    public const string OutsiderAad = "aaaaaaaa-0000-0000-0000-000000000009";

    private readonly Dictionary<string, string?> _settings;

    private ApprovalScenario(RecordingChannel channel, Dictionary<string, string?> settings)
    {
        Channel = channel;
        _settings = settings;
        Host = new BotHost(settings);
    }

    public RecordingChannel Channel { get; }
    public BotHost Host { get; private set; }
    public Guid RequestId { get; private set; }
    public string ThreadId { get; private set; } = "";
    public string CardActivityId { get; private set; } = "";

    public static async Task<ApprovalScenario> StartAsync(bool requiresDpo = false, IDictionary<string, string?>? settings = null)
    {
        var channel = new RecordingChannel();
        await channel.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Approvals:ApproverAadObjectIds:0"] = ApproverAad,
            ["Approvals:ApproverAadObjectIds:1"] = SecondApproverAad,
            ["Approvals:ApproverAadObjectIds:2"] = PractitionerAad, // an approver too: must still never decide their own request
            ["Approvals:DpoAadObjectIds:0"] = DpoAad,
            ["Approvals:UseTeamRoster"] = "false",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var scenario = new ApprovalScenario(channel, all);
        await scenario.RegisterChannelAsync();
        await scenario.SubmitAsync(requiresDpo);
        return scenario;
    }

    private async Task RegisterChannelAsync()
    {
        var response = await Host.PostAsync(Activities.Channel(Channel.ServiceUrl, "message", "register approvers", "29:approver", ApproverAad));
        response.EnsureSuccessStatusCode();
        await Channel.WaitForAsync(c => c.Text?.Contains("approvers' channel", StringComparison.Ordinal) == true);
    }

    /// <summary>Stores a submitted request as the dialog does and lets the outbox post its card.</summary>
    private async Task SubmitAsync(bool requiresDpo)
    {
        RequestId = Guid.CreateVersion7();
        await SeedAsync(Host, RequestId, requiresDpo);

        var created = await Channel.WaitForAsync(c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal));
        Assert.Equal("19:approvals@thread.tacv2", created.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.DoesNotContain("FREE-TEXT-ONLY-IN-DETAIL", created.Body.ToJsonString(), StringComparison.Ordinal);
        await WaitUntilAsync(async db => (await db.Requests.AsNoTracking().FirstAsync(r => r.Id == RequestId)).ApprovalActivityId is not null);
        await using var s = Host.Services.CreateAsyncScope();
        var row = await s.ServiceProvider.GetRequiredService<BotDbContext>().Requests.AsNoTracking().FirstAsync(r => r.Id == RequestId);
        ThreadId = row.ApprovalConversationId!;
        CardActivityId = row.ApprovalActivityId!;
    }

    /// <summary>Stores a submitted request as the dialog does (pending, card not yet posted) and queues its approval card.</summary>
    public static async Task SeedAsync(BotHost host, Guid requestId, bool requiresDpo = false)
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var summary = new ApprovalSummary
            {
                Reference = "ISR-2026-0001",
                CaseReference = "CASE-12345",
                MatterType = "Safeguarding a child",
                Urgency = "Within 24 hours",
                RequesterName = "Paula Practitioner",
                Categories = [new CategoryBadge("Emotional and mental health", true, false)],
                RecipientType = "Local authority children's social care",
                Purposes = ["Child protection referral"],
                LegalBasis = "Public task 6(1)(e)",
                ConsentStatus = "Not sought",
                Warnings = [],
                RequiresDpo = requiresDpo,
                PolicyVersion = "test",
            };
            db.Requests.Add(new InfoRequestRow
            {
                Id = requestId,
                Reference = summary.Reference,
                Kind = "request",
                Status = RequestStatus.Pending,
                RequesterAadObjectId = PractitionerAad,
                RequesterUserId = "29:practitioner",
                RequesterName = "Paula Practitioner",
                CaseReference = summary.CaseReference,
                MatterType = "safeguarding-child",
                PolicyVersion = "test",
                RequiresDpo = requiresDpo,
                AnswersJson = "{}",
                SummaryJson = JsonSerializer.Serialize(summary, ApprovalsJsonContext.Default.ApprovalSummary),
                DetailJson = JsonSerializer.Serialize(new ApprovalDetail { Sections = [new DetailSection("Why", [new DetailItem("Expected outcome", "FREE-TEXT-ONLY-IN-DETAIL")])] }, ApprovalsJsonContext.Default.ApprovalDetail),
                SubmittedAt = DateTime.UtcNow,
            });
            scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue(OutboxOperations.PostApprovalCard, "approval card", requestId);
            await db.SaveChangesAsync();
            scope.ServiceProvider.GetRequiredService<OutboxSignal>().Notify(); // written here without a unit of work
        }

    }

    public Task<HttpResponseMessage> ClickAsync(string userId, string aad, string verb, JsonObject? inputs = null)
    {
        var data = inputs ?? [];
        data["requestId"] = RequestId.ToString();
        return Host.PostAsync(Activities.Invoke(Channel.ServiceUrl, userId, aad, ThreadId, CardActivityId, verb, data));
    }

    /// <summary>Stops the bot and starts it again on the same database (<c>Storage:SqlitePath</c> must be given in the settings).</summary>
    public async Task RestartAsync()
    {
        Assert.True(_settings.ContainsKey("Storage:SqlitePath"), "a restart needs a database that outlives the host");
        await Host.DisposeAsync();
        Host = new BotHost(_settings);
    }

    public async Task<T> QueryAsync<T>(Func<BotDbContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    public async Task WaitUntilAsync(Func<BotDbContext, Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            if (await QueryAsync(condition))
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("condition not reached");
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
