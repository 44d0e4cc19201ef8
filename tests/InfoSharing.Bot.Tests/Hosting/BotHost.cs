using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Hosting;

/// <summary>
/// The real bot (the real Program, auth, routing, EF Core on a fresh SQLite file) in-process, talking to a
/// <see cref="RecordingChannel"/> on loopback. Settings are the ones a deployment would use.
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _directory = Directory.CreateTempSubdirectory("infosharing-test-").FullName;

    public BotHost(IDictionary<string, string?>? settings = null, string environment = "Development")
    {
        Environment = environment;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:SqlitePath"] = Path.Combine(_directory, "bot.db"),
            ["Connector:AllowLoopback"] = "true",
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Outbox:FirstRetryDelay"] = "00:00:00.050",
        };
        if (environment != "Development")
        {
            _settings["Policy:Path"] = Policy.ProductionPolicy.Path; // the shipped contacts are placeholders, refused outside Development
        }

        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            _settings[k] = v;
        }
    }

    public string Environment { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<HttpResponseMessage> PostAsync(string json, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await CreateClient().SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization = null) => PostAsync(activity.ToJsonString(), authorization);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Builders for activities as Teams and the Playground send them.</summary>
public static class Activities
{
    public static JsonObject Personal(string serviceUrl, string type = "message", string? text = null, JsonNode? value = null,
        string userId = "29:practitioner", string aad = "aaaaaaaa-0000-0000-0000-000000000001", string conversationId = "a:personal-practitioner") => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString(),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Paula Practitioner", ["aadObjectId"] = aad },
        ["recipient"] = new JsonObject { ["id"] = "28:infosharing-bot", ["name"] = "InfoSharing Bot" },
        ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = "tenant-1", ["id"] = conversationId },
        ["text"] = text,
        ["value"] = value,
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
    };

    public static JsonObject Channel(string serviceUrl, string type, string? text, string userId, string aad, string conversationId = "19:approvals@thread.tacv2") => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString(),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = userId, ["aadObjectId"] = aad },
        ["recipient"] = new JsonObject { ["id"] = "28:infosharing-bot", ["name"] = "InfoSharing Bot" },
        ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = "tenant-1", ["id"] = conversationId },
        ["text"] = text is null ? null : $"<at>InfoSharing Bot</at> {text}",
        ["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>InfoSharing Bot</at>",
            ["mentioned"] = new JsonObject { ["id"] = "28:infosharing-bot", ["name"] = "InfoSharing Bot" },
        }),
        ["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
            ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2" },
            ["channel"] = new JsonObject { ["id"] = "19:approvals@thread.tacv2" },
        },
    };

    /// <summary>Teams' <c>conversationUpdate</c> when people join the approvers' team (<c>teamMemberAdded</c>).</summary>
    public static JsonObject MembersJoined(string serviceUrl, params string[] userIds)
    {
        var activity = Channel(serviceUrl, "conversationUpdate", null, "29:team-owner", "aaaaaaaa-0000-0000-0000-0000000000ff");
        activity.Remove("entities");
        activity["membersAdded"] = new JsonArray([.. userIds.Select(id => (JsonNode)new JsonObject { ["id"] = id })]);
        activity["channelData"]!["eventType"] = "teamMemberAdded";
        return activity;
    }

    public static JsonObject Invoke(string serviceUrl, string userId, string aad, string conversationId, string replyToId, string verb, JsonObject data) => new()
    {
        ["type"] = "invoke",
        ["name"] = "adaptiveCard/action",
        ["id"] = Guid.NewGuid().ToString(),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = userId, ["aadObjectId"] = aad },
        ["recipient"] = new JsonObject { ["id"] = "28:infosharing-bot", ["name"] = "InfoSharing Bot" },
        ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = "tenant-1", ["id"] = conversationId },
        ["replyToId"] = replyToId,
        ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" },
    };
}
