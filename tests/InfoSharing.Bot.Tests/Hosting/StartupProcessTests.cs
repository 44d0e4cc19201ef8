using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Hosting;
using InfoSharing.Bot.LoadTest;
using InfoSharing.Bot.Tests.Policy;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Hosting;

/// <summary>
/// The built bot as a real child process (the load tool's <see cref="BotProcess"/> and <see cref="FakeTeams"/>): it reads
/// its own appsettings whatever the working directory, and a start-up refusal is a few plain lines, a non-zero exit code,
/// one critical log entry and no stack trace.
/// </summary>
public sealed class StartupProcessTests
{
    private static readonly string RepositoryRoot = RepositoryPaths.Root;

    public static TheoryData<string> WorkingDirectories => ["repository root", "/", "own folder"];

    [Theory]
    [MemberData(nameof(WorkingDirectories))]
    public async Task Start_FromAnyWorkingDirectory_ReadsItsOwnSettingsAndGreets(string where)
    {
        var token = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("infosharing-start-").FullName;
        await using var teams = new FakeTeams(seed: 1);
        await teams.StartAsync(token);

        // No Connector:AllowLoopback here: only appsettings.Development.json (beside the dll) admits the loopback connector.
        await using var bot = new BotProcess(
            new Dictionary<string, string>(StringComparer.Ordinal) { ["Storage:SqlitePath"] = Path.Combine(directory, "bot.db") },
            Path.Combine(directory, "bot.log"))
        {
            WorkingDirectory = where switch
            {
                "repository root" => RepositoryRoot,
                "/" => "/",
                _ => AppContext.BaseDirectory,
            },
        };
        await bot.StartAsync(TimeSpan.FromSeconds(60), token);

        using var http = new HttpClient { BaseAddress = bot.BaseAddress };
        using var content = new StringContent(Greeting(teams.ServiceUrl).ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("api/messages", UriKind.Relative), content, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var reply = await FirstReplyAsync(teams, token);
        await bot.StopAsync();
        var log = await File.ReadAllTextAsync(bot.LogPath, token);
        Assert.DoesNotContain("is not allowed", log, StringComparison.Ordinal);
        var greeting = Describe(reply);
        Assert.False(string.IsNullOrWhiteSpace(greeting.Replace("|", "", StringComparison.Ordinal)), "an empty greeting");
        Assert.Equal(Greetings.GetOrAdd("first", greeting), greeting); // every start, whatever the directory, greets alike
        Directory.Delete(directory, recursive: true);
    }

    public static TheoryData<string, string, string, int> Refusals => new()
    {
        { "missing setting", "ASPNETCORE_ENVIRONMENT=Production", "MicrosoftAppId is empty", StartupRefusal.ConfigurationExitCode },
        { "invalid setting", "Bot:MaxRequestBodyBytes=-5", "MaxRequestBodyBytes", StartupRefusal.ConfigurationExitCode },
        { "unconvertible setting", "Bot:MaxRequestBodyBytes=lots", "Bot:MaxRequestBodyBytes", StartupRefusal.ConfigurationExitCode },
        { "invalid policy file", "Policy:Path=appsettings.json", "The policy ", StartupRefusal.PolicyExitCode },
        { "database unreachable", "Storage:SqlitePath=/proc/no-such/bot.db", "cannot be reached", StartupRefusal.DatabaseExitCode },
        { "migrations pending", "Storage:MigrateOnStartup=false", "pending migration", StartupRefusal.DatabaseExitCode },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Start_Refused_PlainLinesExitCodeOneCriticalEntryNoStackTrace(string refusal, string setting, string expected, int exitCode)
    {
        var (exit, output) = await RunAsync(setting, []);

        Assert.True(exit == exitCode, $"{refusal}: exit code {exit}, output:\n{output}");
        var plain = output.Split('\n').Where(l => l.StartsWith("Start-up refused: ", StringComparison.Ordinal)).ToList();
        Assert.True(plain.Count == 1, $"{refusal}: output:\n{output}");
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.True(CountOf(output, "crit: InfoSharing.Bot.Hosting.BotHost[1900]") == 1, $"{refusal}: output:\n{output}");
        Assert.False(HasStackTrace(output), $"{refusal}: a stack trace was printed:\n{output}");
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.False(output.Contains("fail: ", StringComparison.Ordinal), $"{refusal}: a second failure line besides the refusal:\n{output}");
    }

    [Fact]
    public async Task Start_WithJsonConsoleFormatter_EveryLogLineIsOneJsonObject()
    {
        var token = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("infosharing-json-").FullName;
        await using var teams = new FakeTeams(seed: 2);
        await teams.StartAsync(token);
        await using var bot = new BotProcess(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Storage:SqlitePath"] = Path.Combine(directory, "bot.db"),
                ["Logging:Console:FormatterName"] = "json",
                ["Logging:LogLevel:Default"] = "Information",
            },
            Path.Combine(directory, "bot.log"));
        await bot.StartAsync(TimeSpan.FromSeconds(60), token);
        using var http = new HttpClient { BaseAddress = bot.BaseAddress };
        using var content = new StringContent(Greeting(teams.ServiceUrl).ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("api/messages", UriKind.Relative), content, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await FirstReplyAsync(teams, token);
        await bot.StopAsync();

        var lines = (await File.ReadAllLinesAsync(bot.LogPath, token)).Select(l => l.TrimStart('\uFEFF')).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(lines);
        var entries = lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList(); // a line that is not JSON throws here
        Assert.All(entries, e => Assert.True(e["LogLevel"] is not null && e["Category"] is not null && e["EventId"] is not null, e.ToJsonString()));
        Assert.Contains(entries, e => (string?)e["Category"] == "Microsoft.Hosting.Lifetime");
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Start_RefusedWithVerbose_PrintsTheStackTrace()
    {
        var (exit, output) = await RunAsync("ASPNETCORE_ENVIRONMENT=Production", [InfoSharing.Bot.Hosting.BotHost.VerboseFlag]);

        Assert.Equal(StartupRefusal.ConfigurationExitCode, exit);
        Assert.True(HasStackTrace(output), output);
    }

    [Fact]
    public async Task CheckConfig_ValidConfiguration_ExitsZeroWithoutServing()
    {
        var (exit, output) = await RunAsync("Bot:MaxRequestBodyBytes=262144", [InfoSharing.Bot.Hosting.BotHost.CheckConfigFlag]);

        Assert.True(exit == 0, output);
        Assert.Contains("Configuration, policy and database are valid.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_InvalidConfiguration_ExitsWithTheRefusal()
    {
        var (exit, output) = await RunAsync("ASPNETCORE_ENVIRONMENT=Production", [InfoSharing.Bot.Hosting.BotHost.CheckConfigFlag]);

        Assert.Equal(StartupRefusal.ConfigurationExitCode, exit);
        Assert.Contains("MicrosoftAppId is empty", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithPlaceholderContact_RefusesNamingItExitCodeThreeNoStackTrace()
    {
        var policy = ProductionPolicy.Write(ProductionPolicy.WithContacts(c =>
        {
            c["value"] = c["title"]!.GetValue<string>() == "On-call Designated Safeguarding Lead" ? "[set by the DPO: on-call DSL number]" : "0300 123 4567";
        }));

        var (exit, output) = await RunAsync(ProductionSettings(policy), []);

        Assert.True(exit == StartupRefusal.PolicyExitCode, $"exit code {exit}, output:\n{output}");
        var plain = output.Split('\n').Where(l => l.StartsWith("Start-up refused: ", StringComparison.Ordinal)).ToList();
        Assert.True(plain.Count == 1, output);
        Assert.Contains("'On-call Designated Safeguarding Lead' is still the placeholder \"[set by the DPO: on-call DSL number]\"", plain[0], StringComparison.Ordinal);
        Assert.DoesNotContain("MASH", plain[0], StringComparison.Ordinal); // only the entry that is still a placeholder is named
        Assert.True(CountOf(output, "crit: InfoSharing.Bot.Hosting.BotHost[1900]") == 1, output);
        Assert.False(HasStackTrace(output), $"a stack trace was printed:\n{output}");
    }

    [Fact]
    public async Task Start_ProductionWithEmptyContact_RefusesNamingIt()
    {
        var policy = ProductionPolicy.Write(ProductionPolicy.WithContacts(c =>
        {
            c["value"] = c["title"]!.GetValue<string>() == "Adult social care" ? " " : "0300 123 4567";
        }));

        var (exit, output) = await RunAsync(ProductionSettings(policy), []);

        Assert.True(exit == StartupRefusal.PolicyExitCode, $"exit code {exit}, output:\n{output}");
        Assert.Contains("'Adult social care' is empty", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_ProductionWithRealContacts_IsValid()
    {
        var (exit, output) = await RunAsync(ProductionSettings(ProductionPolicy.Path), [InfoSharing.Bot.Hosting.BotHost.CheckConfigFlag]);

        Assert.True(exit == 0, output);
        Assert.Contains("Configuration, policy and database are valid.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_DevelopmentWithTheShippedPlaceholders_StartsWithAWarningPerContact()
    {
        var (exit, output) = await RunAsync(new Dictionary<string, string>(StringComparer.Ordinal), [InfoSharing.Bot.Hosting.BotHost.CheckConfigFlag]);

        Assert.True(exit == 0, output);
        Assert.Contains("The emergency contact 'On-call Designated Safeguarding Lead'", output, StringComparison.Ordinal);
        Assert.Contains("The emergency contact 'Emergency duty team (out of hours)'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("The emergency contact 'Emergency services'", output, StringComparison.Ordinal);
    }

    /// <summary>Production with a configuration that passes its own checks, so that only the policy can refuse.</summary>
    private static Dictionary<string, string> ProductionSettings(string policyPath) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["MicrosoftAppId"] = "3f0c9a57-6a0e-4d52-9b7e-2f1d4c8a9e11",
        ["MicrosoftAppPassword"] = "not-a-real-secret",
        ["Policy:Path"] = policyPath,
    };

    private static async Task<(int ExitCode, string Output)> RunAsync(string setting, IReadOnlyList<string> arguments)
    {
        var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        return await RunAsync(new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value }, arguments);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> extra, IReadOnlyList<string> arguments)
    {
        var directory = Directory.CreateTempSubdirectory("infosharing-refuse-").FullName;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["Storage:SqlitePath"] = Path.Combine(directory, "bot.db") };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        await using var bot = new BotProcess(settings, Path.Combine(directory, "bot.log")) { WorkingDirectory = "/", Arguments = arguments };
        var result = await bot.RunToExitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Directory.Delete(directory, recursive: true);
        return result;
    }

    private static bool HasStackTrace(string output) =>
        output.Split('\n').Any(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && l.Contains('(', StringComparison.Ordinal));

    private static int CountOf(string text, string marker) => text.Split(marker).Length - 1;

    /// <summary>The greeting of the first start, compared with the others.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Greetings = new(StringComparer.Ordinal);

    private static async Task<JsonObject> FirstReplyAsync(FakeTeams teams, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 200; i++)
        {
            if (teams.MessagesIn("a:start-1") is [var first, ..])
            {
                return first;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException("the bot sent no reply to the first message");
    }

    private static string Describe(JsonObject reply) =>
        (reply["text"]?.GetValue<string>() ?? "") + " | " + (reply["attachments"]?[0]?["content"]?["body"]?[0]?.ToJsonString() ?? "");

    private static JsonObject Greeting(string serviceUrl) => new()
    {
        ["type"] = "message",
        ["id"] = "start-greeting-1",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:start-1", ["name"] = "Sam Practitioner", ["aadObjectId"] = "00000000-0000-4000-8000-000000000101" },
        ["recipient"] = new JsonObject { ["id"] = "28:infosharing-bot", ["name"] = "InfoSharing Bot" },
        ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = "tenant-1", ["id"] = "a:start-1" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        ["text"] = "hello",
    };
}
