using System.Net;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tests.Auth;
using InfoSharing.Bot.Tests.Records;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Tests.Tabs;

/// <summary>
/// Who may open which tab, through the real host and the real token validation: RSA-signed tokens from the loopback
/// Entra-style issuer (<see cref="EntraIssuer"/>), as Teams SSO gives the tab, with the app roles and the configured
/// approver lists deciding (<c>TabViewer.May</c>). A refusal is 403 and audited; no or a forged token is 401; a
/// practitioner sees only their own records on My requests.
/// </summary>
public sealed class TabAccessTests(EntraIssuerFixture issuer) : IClassFixture<EntraIssuerFixture>
{
    private const string Practitioner = RecordSeeds.Requester;
    private const string ApproverOid = "eeeeeeee-0000-0000-0000-0000000000b1";
    private const string DpoOid = "eeeeeeee-0000-0000-0000-0000000000b2";
    private const string Mine = "ISR-2026-0101";
    private const string Theirs = "ISR-2026-0102";
    private EntraIssuer Issuer => issuer.Issuer;

    private async Task<RecordsHost> HostAsync()
    {
        var settings = Issuer.HostSettings();
        settings["Approvals:ApproverAadObjectIds:0"] = ApproverOid;
        settings["Approvals:DpoAadObjectIds:0"] = DpoOid;
        var host = new RecordsHost(RecordsDatabase.Sqlite, settings);
        var s = RecordSeeds.Submission("CS-101010", "safeguarding-child", new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero),
            "The latest referral summary.", "A strategy discussion can take place.");
        var other = s with { Requester = s.Requester with { ObjectId = "aaaaaaaa-0000-0000-0000-00000000ffff", DisplayName = "Olive Other" }, About = s.About with { CaseReference = "CS-202020" } };
        await RecordSeeds.SeedAsync(host, [RecordSeeds.Row(Mine, s), RecordSeeds.Row(Theirs, other, RequestStatus.Approved)]);
        return host;
    }

    private string As(RecordsHost host, string oid, string name, params string[] roles) =>
        EntraIssuer.Bearer(Issuer.Token(host.Clock.GetUtcNow(), roles).WithClaim("oid", oid).WithClaim("name", name));

    [Fact]
    public async Task EachRole_OpensWhatItMay_AndIsRefusedTheRest_WithTheRefusalAudited()
    {
        await using var host = await HostAsync();
        var pages = new[] { "approvals", "records", "statistics", "my-requests" };
        var viewers = new (string Who, string Authorization, bool[] May)[]
        {
            ("practitioner", As(host, Practitioner, "Pat Practitioner"), [false, false, false, true]),
            ("auditor (Records.Read)", As(host, EntraIssuer.AuditorOid, EntraIssuer.AuditorName, "Records.Read"), [false, true, true, true]),
            ("approver (list)", As(host, ApproverOid, "Arnold Approver"), [true, false, false, true]),
            ("DPO (list)", As(host, DpoOid, "Dee DPO"), [true, true, true, true]),
        };
        var refusals = 0;
        foreach (var (who, authorization, may) in viewers)
        {
            for (var i = 0; i < pages.Length; i++)
            {
                using var response = await host.GetAsync("/tabs/api/" + pages[i], authorization);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                var expected = may[i] ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                Assert.True(expected == response.StatusCode, $"{who} on {pages[i]}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
                Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
                if (!may[i])
                {
                    refusals++;
                    Assert.Contains("not open to you", body, StringComparison.Ordinal);
                }
            }
        }

        var audited = await host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.RefusedAccess));
        Assert.Equal(refusals, audited);
    }

    [Fact]
    public async Task NoToken_ForgedToken_WrongAudience_AreNotSignedIn()
    {
        await using var host = await HostAsync();
        var valid = Issuer.Token(host.Clock.GetUtcNow()).WithClaim("oid", DpoOid);
        foreach (var (name, authorization) in new (string, string?)[]
        {
            ("no token", null),
            ("forged signature", EntraIssuer.Bearer(valid with { SigningKey = Issuer.UnpublishedKey })),
            ("wrong audience", EntraIssuer.Bearer(valid with { Audience = "api://some-other-api" })),
            ("no oid", EntraIssuer.Bearer(valid.WithoutClaim("oid"))),
        })
        {
            using var response = await host.GetAsync("/tabs/api/approvals", authorization);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain(Mine, body, StringComparison.Ordinal);
            Assert.DoesNotContain("IDX", body, StringComparison.Ordinal); // token failure details are not echoed
        }
    }

    [Fact]
    public async Task MyRequests_ShowsOnlyTheViewersOwnRecords()
    {
        await using var host = await HostAsync();
        using var response = await host.GetAsync("/tabs/api/my-requests", As(host, Practitioner, "Pat Practitioner"));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Mine, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Theirs, body, StringComparison.Ordinal);
        Assert.DoesNotContain("CS-202020", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAction_WithoutItsAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        await using var host = await HostAsync();
        var id = await host.QueryAsync(db => db.Requests.Where(r => r.Reference == Mine).Select(r => r.Id).SingleAsync());
        using var response = await host.SendAsync(HttpMethod.Post, $"/tabs/api/approvals/{id}/approve", As(host, DpoOid, "Dee DPO"));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("anti-forgery", body, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Pending, await host.QueryAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(0, await host.QueryAsync(db => db.ApprovalActions.CountAsync(a => a.RequestId == id)));
    }

    [Fact]
    public async Task OutsideDevelopment_WithoutRecordsAuth_TheTabsAreOff()
    {
        await using var bot = await TestTokenIssuer.StartAsync();
        await using var host = new RecordsHost(RecordsDatabase.Sqlite, new Dictionary<string, string?>(bot.HostConfiguration()) { ["Connector:AllowLoopback"] = "false" }, "Production");
        var (status, body) = await host.GetLocalAsync("/tabs/api/my-requests");
        Assert.Equal(401, status);
        Assert.Contains("switched off", body, StringComparison.Ordinal);
    }
}
