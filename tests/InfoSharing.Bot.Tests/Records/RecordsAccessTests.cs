using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Tests.Auth;
using InfoSharing.Bot.Tests.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>
/// Who may use /records: real RSA-signed tokens from a loopback Entra-style issuer through the standard JWT bearer
/// handler (401 without a valid token, 403 without the app role, 200 with it), every export and every refusal by a
/// signed-in caller audited, and the Development fallback (no Records:Auth: loopback connections only; the in-process
/// test server, which has no remote address, is refused). Run on SQLite and PostgreSQL.
/// </summary>
public abstract class RecordsAccessTests : IAsyncLifetime
{
    private const string Reference = "ISR-2026-0001";
    private EntraIssuer? _issuer;

    protected EntraIssuer Issuer => _issuer ?? throw new InvalidOperationException("not started");

    protected abstract Task<RecordsDatabase> DatabaseAsync();

    public async ValueTask InitializeAsync() => _issuer = await EntraIssuer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }

    private async Task<RecordsHost> HostAsync(IDictionary<string, string?>? settings, string environment = "Development", bool kestrel = false)
    {
        var host = new RecordsHost(await DatabaseAsync(), settings, environment);
        if (kestrel)
        {
            host.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }

        var s = RecordSeeds.Submission("CS-424242", "safeguarding-child", new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero),
            "The latest referral summary.", "A strategy discussion can take place.");
        await RecordSeeds.SeedAsync(host, [RecordSeeds.Row(Reference, s, RequestStatus.Approved)]);
        return host;
    }

    [Fact]
    public async Task Records_Tokens_AreCheckedByTheStandardBearerHandler()
    {
        await using var host = await HostAsync(Issuer.HostSettings());
        var now = host.Clock.GetUtcNow();
        var valid = Issuer.Token(now, "Records.Read");
        var cases = new (string Name, string? Authorization, HttpStatusCode Expected)[]
        {
            ("no token", null, HttpStatusCode.Unauthorized),
            ("not a JWT", "Bearer not-a-token", HttpStatusCode.Unauthorized),
            ("basic scheme", "Basic dXNlcjpwYXNz", HttpStatusCode.Unauthorized),
            ("forged signature", EntraIssuer.Bearer(valid with { SigningKey = Issuer.UnpublishedKey }), HttpStatusCode.Unauthorized),
            ("unsigned", EntraIssuer.Bearer(valid with { SigningKey = null }), HttpStatusCode.Unauthorized),
            ("wrong audience", EntraIssuer.Bearer(valid with { Audience = "api://some-other-api" }), HttpStatusCode.Unauthorized),
            ("the bot's audience", EntraIssuer.Bearer(valid with { Audience = TestTokenIssuer.AppId }), HttpStatusCode.Unauthorized),
            ("wrong issuer", EntraIssuer.Bearer(valid with { Issuer = "https://login.microsoftonline.com/another-tenant/v2.0" }), HttpStatusCode.Unauthorized),
            ("expired", EntraIssuer.Bearer(valid with { NotBefore = DateTimeOffset.UtcNow.AddHours(-3), IssuedAt = DateTimeOffset.UtcNow.AddHours(-3), Expires = DateTimeOffset.UtcNow.AddHours(-2) }), HttpStatusCode.Unauthorized),
            ("no expiry", EntraIssuer.Bearer(valid with { Expires = null }), HttpStatusCode.Unauthorized),
            ("no role", EntraIssuer.Bearer(Issuer.Token(now)), HttpStatusCode.Forbidden),
            ("another role", EntraIssuer.Bearer(Issuer.Token(now, "Records.Writer")), HttpStatusCode.Forbidden),
            ("role in another case", EntraIssuer.Bearer(Issuer.Token(now, "records.read")), HttpStatusCode.Forbidden),
            ("manage role only", EntraIssuer.Bearer(Issuer.Token(now, "Records.Manage")), HttpStatusCode.Forbidden),
            ("read role", EntraIssuer.Bearer(valid), HttpStatusCode.OK),
            ("read among roles", EntraIssuer.Bearer(Issuer.Token(now, "Something.Else", "Records.Read")), HttpStatusCode.OK),
        };

        foreach (var (name, authorization, expected) in cases)
        {
            using var response = await host.GetAsync("/records", authorization);
            Assert.True(expected == response.StatusCode, $"{name}: expected {(int)expected}, got {(int)response.StatusCode}");
            if (expected != HttpStatusCode.OK)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{name}: {response.Content.Headers.ContentType}");
                var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
                Assert.DoesNotContain("IDX", problem.ToJsonString(), StringComparison.Ordinal); // token failure details are not echoed
            }

            if (expected == HttpStatusCode.Unauthorized)
            {
                Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            }
        }

        // signed-in refusals (403) are audited with who and what; anonymous ones (401) are not
        var refused = (await host.AuditAsync()).Where(e => e.Action == "refused-access").ToList();
        Assert.Equal(4, refused.Count);
        Assert.All(refused, e =>
        {
            Assert.Equal(EntraIssuer.AuditorOid, e.Actor);
            var d = JsonNode.Parse(e.Details!)!;
            Assert.Equal(("GET", "/records/", "Read", "entra"), (d["method"]!.GetValue<string>(), d["endpoint"]!.GetValue<string>(), d["needs"]!.GetValue<string>(), d["via"]!.GetValue<string>()));
        });
        Assert.Equal(2, (await host.AuditAsync()).Count(e => e.Action == "export-list"));
    }

    [Fact]
    public async Task Endpoints_ReadAndManageRoles_OpenOnlyTheirOwnEndpoints()
    {
        await using var host = await HostAsync(Issuer.HostSettings());
        var now = host.Clock.GetUtcNow();
        var read = EntraIssuer.Bearer(Issuer.Token(now, "Records.Read"));
        var manage = EntraIssuer.Bearer(Issuer.Token(now, "Records.Manage"));
        var readEndpoints = new (HttpMethod, string, JsonObject?)[]
        {
            (HttpMethod.Get, "/records", null),
            (HttpMethod.Get, "/records/export.csv", null),
            (HttpMethod.Get, $"/records/{Reference}", null),
            (HttpMethod.Get, $"/records/{Reference}/case-file", null),
            (HttpMethod.Get, "/records/audit/verify", null),
        };
        var manageEndpoints = new (HttpMethod, string, JsonObject?)[]
        {
            (HttpMethod.Get, "/records/retention/due", null),
            (HttpMethod.Post, $"/records/{Reference}/review", new JsonObject { ["nextReviewDate"] = "2033-01-31" }),
            (HttpMethod.Put, $"/records/{Reference}/legal-hold", new JsonObject { ["legalHold"] = true }),
            (HttpMethod.Delete, $"/records/{Reference}/content", null),
        };

        foreach (var (method, path, body) in readEndpoints)
        {
            Assert.Equal((path, HttpStatusCode.OK), (path, (await host.SendAsync(method, path, read, body)).StatusCode));
            Assert.Equal((path, HttpStatusCode.Forbidden), (path, (await host.SendAsync(method, path, manage, body)).StatusCode));
            Assert.Equal((path, HttpStatusCode.Unauthorized), (path, (await host.SendAsync(method, path, null, body)).StatusCode));
        }

        foreach (var (method, path, body) in manageEndpoints)
        {
            Assert.Equal((path, HttpStatusCode.Forbidden), (path, (await host.SendAsync(method, path, read, body)).StatusCode));
            var allowed = await host.SendAsync(method, path, manage, body);
            Assert.True(allowed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{path}: {(int)allowed.StatusCode} {await allowed.Content.ReadAsStringAsync()}");
            Assert.Equal((path, HttpStatusCode.Unauthorized), (path, (await host.SendAsync(method, path, null, body)).StatusCode));
        }

        // every export, listing and retention action is audited under the caller's Entra object id; verification reads only
        var audited = (await host.AuditAsync()).Where(e => e.Actor == EntraIssuer.AuditorOid && e.Action != "refused-access").Select(e => e.Action);
        Assert.Equal(["export-list", "export-csv", "export-record", "export-case-file", "export-retention-due", "retention-reviewed", "legal-hold-set", "retention-refused"], audited);
        Assert.Equal(readEndpoints.Length + manageEndpoints.Length, (await host.AuditAsync()).Count(e => e.Action == "refused-access"));
    }

    [Fact]
    public async Task DevelopmentWithoutRecordsAuth_AnswersLoopbackOnly()
    {
        await using var host = await HostAsync(null);

        // the in-process test server has no remote address: nothing shows the caller is local, so it is refused
        using var viaTestServer = await host.GetAsync("/records");
        Assert.Equal(HttpStatusCode.Unauthorized, viaTestServer.StatusCode);
        Assert.Contains("loopback", await viaTestServer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var cases = new (string? Remote, int Expected)[]
        {
            (null, 401),
            ("127.0.0.1", 200),
            ("127.8.9.10", 200),
            ("::1", 200),
            ("::ffff:127.0.0.1", 200),
            ("10.0.0.5", 401),
            ("192.168.1.20", 401),
            ("::ffff:10.0.0.5", 401),
            ("2001:db8::1", 401),
        };
        foreach (var (remote, expected) in cases)
        {
            var context = await host.GetFromAsync("/records/export.csv", remote is null ? null : IPAddress.Parse(remote));
            Assert.True(expected == context.Response.StatusCode, $"{remote ?? "no address"}: {context.Response.StatusCode}");
        }

        var manage = await host.GetFromAsync("/records/retention/due", IPAddress.Loopback);
        Assert.Equal(200, manage.Response.StatusCode);

        var audited = (await host.AuditAsync()).Where(e => e.Action.StartsWith("export", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, audited.Count); // four loopback CSV exports and the retention list; refusals of anonymous callers are not audited
        Assert.All(audited, e => Assert.Equal("development-loopback", e.Actor));
        Assert.All(audited, e => Assert.Equal("loopback", JsonNode.Parse(e.Details!)!["via"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DevelopmentWithoutRecordsAuth_RealKestrelOnLoopback_Answers()
    {
        await using var host = await HostAsync(null, kestrel: true);
        using var client = host.CreateClient();
        Assert.Equal("127.0.0.1", client.BaseAddress!.Host);

        using var response = await client.GetAsync(new Uri($"/records/{Reference}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Reference, JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProductionWithoutRecordsAuth_RefusesEvenLoopback()
    {
        await using var bot = await TestTokenIssuer.StartAsync();
        var settings = new Dictionary<string, string?>(bot.HostConfiguration()) { ["Connector:AllowLoopback"] = "false" };
        await using var host = await HostAsync(settings, environment: "Production");

        var context = await host.GetFromAsync("/records", IPAddress.Loopback);
        Assert.Equal(401, context.Response.StatusCode);
        using var reader = new StreamReader(context.Response.Body);
        Assert.Contains("switched off", await reader.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Records:Auth:Audience", "api://x", "Records:Auth:Authority is required")]
    [InlineData("Records:Auth:Authority", "https://login.microsoftonline.com/tenant/v2.0", "Records:Auth:Audience is required")]
    [InlineData("Records:PublicBaseUrl", "not a url", "Records:PublicBaseUrl")]
    [InlineData("Records:Retention:request:ReviewAfter", "-1.00:00:00", "Records:Retention:request:ReviewAfter")]
    public async Task StartUp_IncompleteRecordsSettings_StopTheHostNamingTheSetting(string key, string value, string named)
    {
        await using var host = new RecordsHost(await DatabaseAsync(), new Dictionary<string, string?> { [key] = value });
        var error = Assert.ThrowsAny<OptionsValidationException>(() => host.CreateClient());
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteRecordsAccessTests : RecordsAccessTests
{
    protected override Task<RecordsDatabase> DatabaseAsync() => Task.FromResult(RecordsDatabase.Sqlite);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRecordsAccessTests(PostgresServer server) : RecordsAccessTests
{
    protected override Task<RecordsDatabase> DatabaseAsync() => RecordsDatabase.PostgresAsync(server);
}
