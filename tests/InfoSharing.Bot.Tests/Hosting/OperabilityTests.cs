using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Tests.Auth;
using InfoSharing.Bot.Tests.Records;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Hosting;

/// <summary>
/// What an operator relies on, over the real pipeline: normal races log no failure, the readiness report names each
/// part, and the trace spans carry the request reference and nothing personal.
/// </summary>
public sealed class OperabilityTests
{
    [Fact]
    public async Task FirstActivitiesOfAConversationTogether_AndARedeliveryRace_LogNoFailure()
    {
        await using var channel = new RecordingChannel();
        await channel.StartAsync();
        var logs = new CollectingLoggerProvider();
        await using var bot = new BotHost();
        using var host = bot.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var client = host.CreateClient();

        // Teams sends installationUpdate and conversationUpdate of a new conversation at once, and redelivers on a
        // slow answer: the same activity id twice, concurrently.
        var posts = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < 6; i++)
        {
            var activity = Activities.Personal(channel.ServiceUrl, type: "typing", conversationId: "a:together");
            posts.Add(client.PostAsync(new Uri("/api/messages", UriKind.Relative), Json(activity)));
        }

        var redelivered = Activities.Personal(channel.ServiceUrl, type: "typing", conversationId: "a:redelivered");
        for (var i = 0; i < 4; i++)
        {
            posts.Add(client.PostAsync(new Uri("/api/messages", UriKind.Relative), Json(redelivered)));
        }

        var answers = await Task.WhenAll(posts);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, a.StatusCode.ToString()));
        Assert.True(answers.Take(6).All(a => a.StatusCode == HttpStatusCode.OK), "a first activity of the conversation was not answered 200");
        var failures = logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Level} {e.Category}[{e.EventId.Id}] {e.Message}").ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Ready_NamesTheDatabaseAndThePolicy()
    {
        await using var bot = new BotHost();
        using var response = await bot.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = await ChecksAsync(response);
        Assert.Equal(["database", "policy"], checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(checks.Values, c => Assert.Equal("Healthy", (string?)c["status"]));
        Assert.Contains("policy 20", (string?)checks["policy"]["description"], StringComparison.Ordinal);
        Assert.StartsWith("SQLite ", (string?)checks["database"]["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_PolicyFileBrokenAfterStart_DegradedNamingTheFileStill200()
    {
        var directory = Directory.CreateTempSubdirectory("infosharing-policy-").FullName;
        var path = Path.Combine(directory, "policy.json");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Policy", "policy.json"), path);
        await using var bot = new BotHost(new Dictionary<string, string?> { ["Policy:Path"] = path });
        using var client = bot.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);

        await File.WriteAllTextAsync(path, "{ \"version\": ", TestContext.Current.CancellationToken); // a DPO's half-saved edit
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the running policy is still good: keep serving
        var policy = (await ChecksAsync(response))["policy"];
        Assert.Equal("Degraded", (string?)policy["status"]);
        Assert.Contains(path, (string?)policy["description"], StringComparison.Ordinal);
        Assert.Contains("next start would refuse", (string?)policy["description"], StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Ready_WithCredentials_NamesTheTokenEndpointAndTheMetadata_503WhenTheTokenEndpointIsDown()
    {
        await using var issuer = await TestTokenIssuer.StartAsync();
        await using var bot = new BotHost(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = TestTokenIssuer.AppId,
            ["MicrosoftAppPassword"] = TestTokenIssuer.AppPassword,
            ["BotAuthentication:ChannelOpenIdMetadataUrl"] = issuer.ChannelMetadataUrl,
            ["BotAuthentication:EmulatorOpenIdMetadataUrl"] = issuer.EntraMetadataUrl,
            ["BotAuthentication:RequireHttpsMetadata"] = "false",
            ["BotAuthentication:AuthorityHost"] = "https://127.0.0.2:9", // nothing listens there
        });
        using var response = await bot.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var checks = await ChecksAsync(response);
        Assert.Equal(["database", "openid-metadata", "openid-metadata-entra", "policy", "token-endpoint"], checks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Unhealthy", (string?)checks["token-endpoint"]["status"]);
        Assert.Contains("no connector token", (string?)checks["token-endpoint"]["description"], StringComparison.Ordinal);
        Assert.Equal("Healthy", (string?)checks["openid-metadata"]["status"]);
        Assert.Equal("Healthy", (string?)checks["openid-metadata-entra"]["status"]);
        Assert.Equal("Healthy", (string?)checks["database"]["status"]);
    }

    private static StringContent Json(JsonObject activity) => new(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static async Task<Dictionary<string, JsonObject>> ChecksAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        return body["checks"]!.AsArray().Select(c => c!.AsObject()).ToDictionary(c => (string)c["name"]!, c => c, StringComparer.Ordinal);
    }
}

/// <summary>
/// Trace spans, seen by a process-wide <see cref="ActivityListener"/>: run alone (no other test's host makes spans
/// meanwhile), so every span seen is this journey's.
/// </summary>
[Collection(ProcessWideListenersCollection.Name)]
public sealed class TraceSpanTests
{
    [Fact]
    public async Task Spans_TurnWorkflowOutboxAndConnector_CarryTheReference_NoPersonalData()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == BotTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await using var journey = await RecordsJourney.StartAsync(RecordsDatabase.Sqlite);
        await journey.FillDraftAsync();
        await journey.SubmitDraftAsync();
        await journey.ClickAsync("29:approver-a", RecordsJourney.ApproverAad, "Arnold Approver", "approve");
        await journey.WaitForOutboxAsync();

        var mine = spans.ToList();
        Assert.Contains(mine, s => s.OperationName == "turn" && (string?)s.GetTagItem("infosharing.activity.type") == "message");
        Assert.Contains(mine, s => s.OperationName == "turn" && (string?)s.GetTagItem("infosharing.activity.name") == "adaptiveCard/action");
        var workflow = Assert.Single(mine, s => s.OperationName == "workflow approve");
        Assert.Equal(journey.Reference, workflow.GetTagItem(BotTelemetry.ReferenceTag));
        var post = Assert.Single(mine, s => s.OperationName == "outbox " + InfoSharing.Bot.Connector.OutboxOperations.PostApprovalCard);
        Assert.Equal(journey.Reference, post.GetTagItem(BotTelemetry.ReferenceTag));
        var connector = mine.Where(s => s.OperationName.StartsWith("connector ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(connector);
        Assert.Contains(connector, c => c.ParentSpanId == post.SpanId);
        Assert.All(connector, c => Assert.Equal(ActivityKind.Client, c.Kind));

        // Identifiers the bot makes, never a person's: no names, ids or free text in any attribute.
        var values = mine.SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString() ?? "").ToList();
        foreach (var personal in new[] { RecordsJourney.PractitionerAad, RecordsJourney.ApproverAad, "Arnold", "29:approver-a" })
        {
            Assert.DoesNotContain(values, v => v.Contains(personal, StringComparison.Ordinal));
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideListenersCollection
{
    public const string Name = "Process-wide listeners";
}
