using System.Net;
using System.Net.Sockets;
using System.Text;
using InfoSharing.Bot.Auth;
using InfoSharing.Bot.Tests.Connector;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>
/// A seeded corpus of 1,400 bad and odd activities through the real pipeline: never a 500, never a crash, always a clear
/// 400/401/413 or a polite answer, and never a call (or a token) to a host off the allow-list: a trap listens on
/// 127.0.0.2 and counts connections, and every token the bot asked for went with a call to the loopback connector.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20261124;
    private const int Cases = 1400;

    [Fact]
    public async Task FuzzedCorpus_ThroughTheRealPipeline_NoServerErrorNoCrashNoTokenOffTheAllowList()
    {
        using var trap = new TcpListener(IPAddress.Parse("127.0.0.2"), 0);
        trap.Start();
        var trapPort = ((IPEndPoint)trap.LocalEndpoint).Port;
        var trapped = 0;
        using var stop = new CancellationTokenSource();
        var trapLoop = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await trap.AcceptTcpClientAsync(stop.Token);
                    Interlocked.Increment(ref trapped);
                }
            }
            catch (OperationCanceledException)
            {
                // done
            }
        });

        var tokens = new CountingTokenProvider("fuzz-token");
        await using var h = await ReliabilityHarness.StartAsync(
            configure: b => b.ConfigureTestServices(s => s.AddSingleton<IConnectorTokenProvider>(tokens)));
        var hostile = new[]
        {
            $"http://127.0.0.2:{trapPort}/", $"https://127.0.0.2:{trapPort}/", "http://127.0.0.2:9/", $"http://2130706434:{trapPort}/",
            $"http://user:pw@127.0.0.2:{trapPort}/", $"http://[::ffff:127.0.0.2]:{trapPort}/", "https://evil.invalid/", "https://smba.trafficmanager.net.invalid/",
            "https://x.botframework.com.invalid/", "http://localhost.invalid/", "https://evil.invalid/?x=https://smba.trafficmanager.net/", "file:///etc/passwd",
            "javascript:alert(1)", "ftp://127.0.0.2/", "https://smba.trafficmanager.net@127.0.0.2:" + trapPort + "/", "//127.0.0.2/", "127.0.0.2", "",
        };
        var corpus = FuzzCorpus.Generate(Seed, Cases, h.Teams.ServiceUrl, hostile);

        var statuses = new Dictionary<int, int>();
        var errors = new List<string>();
        foreach (var fuzz in corpus)
        {
            HttpResponseMessage response;
            try
            {
                response = await h.Host.PostBytesAsync(fuzz.Body);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
            {
                errors.Add($"{fuzz}: {ex.GetType().Name} {ex.Message}");
                continue;
            }

            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status is not (200 or 400 or 401 or 413))
            {
                errors.Add($"{status} for {fuzz}");
            }
            else if (status == 200 && response.Content.Headers.ContentLength is > 0)
            {
                var body = await response.Content.ReadAsStringAsync();
                if (!body.Contains("\"statusCode\"", StringComparison.Ordinal) || !body.Contains("\"type\"", StringComparison.Ordinal))
                {
                    errors.Add($"200 with a body that is not an invoke response for {fuzz}: {body}");
                }
            }
        }

        // Still alive and still working.
        Assert.Equal(HttpStatusCode.OK, (await h.Host.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        var before = h.Teams.MessageCountIn(ReliabilityHarness.Conversation(1));
        Assert.Equal(HttpStatusCode.OK, (await h.Host.PostAsync(h.Text(1, "help"))).StatusCode);
        Assert.True(h.Teams.MessageCountIn(ReliabilityHarness.Conversation(1)) > before);

        await stop.CancelAsync();
        trap.Stop();
        await trapLoop;
        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        TestContext.Current.SendDiagnosticMessage($"fuzz: {corpus.Count} cases (seed {Seed}); statuses {summary}; tokens {tokens.Calls}; connector calls {h.Teams.Calls}; trap connections {trapped}");
        Assert.True(errors.Count == 0, $"{errors.Count} bad answers ({summary}):\n" + string.Join("\n", errors.Take(15)));
        Assert.Equal(0, Volatile.Read(ref trapped));
        Assert.True(tokens.Calls <= h.Teams.Calls, $"{tokens.Calls} tokens asked for but only {h.Teams.Calls} calls reached the loopback connector");
        Assert.True(corpus.Count >= 1000);
        Assert.Contains(400, statuses.Keys);
        Assert.Contains(200, statuses.Keys);
    }
}
