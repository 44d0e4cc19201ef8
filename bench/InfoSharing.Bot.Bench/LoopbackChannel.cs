using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace InfoSharing.Bot.Bench;

/// <summary>
/// Teams' side of the protocol on a loopback port, answering like the Bot Connector: ids for sends, a thread for the
/// approval card's create-conversation, the approvers' roster, 200 for card updates. Replies are matched to the turn that
/// caused them by <c>replyToId</c> and timestamped when their body has arrived; anything it does not expect is counted.
/// </summary>
public sealed class LoopbackChannel : IAsyncDisposable
{
    public const string TeamId = "19:bench-team@thread.tacv2";
    public const string ApproversChannelId = "19:bench-approvals@thread.tacv2";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TurnReplies> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _roster = new(StringComparer.Ordinal);
    private long _nextId = 1_000_000;
    private long _maxCardBytes;
    private long _maxActivityBytes;
    private string _largestCardSource = "";

    public LoopbackChannel()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = Path.GetTempPath(),
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Approval cards posted as new threads in the approvers' channel, for the approvers to act on.</summary>
    public Channel<PostedCard> Cards { get; } = Channel.CreateUnbounded<PostedCard>();

    public long Replies;
    public long UnmatchedReplies;
    public long Notifications;
    public long CardsPosted;
    public long CardUpdates;
    public long RosterLookups;
    public long MemberLists;
    public long Unexpected;

    public long MaxCardBytes => Interlocked.Read(ref _maxCardBytes);

    public long MaxActivityBytes => Interlocked.Read(ref _maxActivityBytes);

    public string LargestCardSource => _largestCardSource;

    public void AddRosterMember(string userId, string aadObjectId) => _roster[userId] = aadObjectId;

    public async Task StartAsync()
    {
        await _app.StartAsync();
        ServiceUrl = _app.Urls.First().Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/";
    }

    /// <summary>Starts collecting the replies to an activity about to be sent.</summary>
    public TurnReplies Expect(string activityId)
    {
        var replies = new TurnReplies();
        _pending[activityId] = replies;
        return replies;
    }

    public void Forget(string activityId) => _pending.TryRemove(activityId, out _);

    public void ResetCounters()
    {
        Replies = UnmatchedReplies = Notifications = CardsPosted = CardUpdates = RosterLookups = MemberLists = Unexpected = 0;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await ReadAsync(http.Request);
        var at = Stopwatch.GetTimestamp();
        var method = http.Request.Method;
        var path = Uri.UnescapeDataString(http.Request.Path.Value ?? "");
        if (path.StartsWith('/'))
        {
            path = path[1..];
        }

        if (method == "POST" && path.EndsWith("/activities", StringComparison.Ordinal) && path.StartsWith("v3/conversations/", StringComparison.Ordinal))
        {
            using var doc = JsonDocument.Parse(body);
            Measure(doc.RootElement, body.Length, "reply");
            var replyTo = doc.RootElement.TryGetProperty("replyToId", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (replyTo is not null && _pending.TryGetValue(replyTo, out var turn))
            {
                Interlocked.Increment(ref Replies);
                turn.Add(at, body);
            }
            else if (replyTo is null)
            {
                Interlocked.Increment(ref Notifications); // a proactive message: the practitioner told of a decision
            }
            else
            {
                Interlocked.Increment(ref UnmatchedReplies);
            }

            await WriteAsync(http, 201, $"{{\"id\":\"{NextId()}\"}}");
            return;
        }

        if (method == "POST" && path == "v3/conversations")
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var id = NextId();
            if (root.TryGetProperty("channelData", out var cd) && cd.TryGetProperty("channel", out var ch) && ch.TryGetProperty("id", out var channelId))
            {
                var activity = root.GetProperty("activity");
                Measure(activity, body.Length, "approval card (new thread)");
                var requestId = FindString(activity, "requestId");
                var thread = $"{channelId.GetString()};messageid={id}";
                Interlocked.Increment(ref CardsPosted);
                if (requestId is not null)
                {
                    Cards.Writer.TryWrite(new PostedCard(requestId, thread, id));
                }
                else
                {
                    Interlocked.Increment(ref Unexpected);
                }

                await WriteAsync(http, 201, $"{{\"id\":\"{thread}\",\"activityId\":\"{id}\"}}");
            }
            else
            {
                await WriteAsync(http, 201, $"{{\"id\":\"a:created-{id}\"}}");
            }

            return;
        }

        if (method == "PUT" && path.Contains("/activities/", StringComparison.Ordinal))
        {
            using var doc = JsonDocument.Parse(body);
            Measure(doc.RootElement, body.Length, "approval card (update)");
            Interlocked.Increment(ref CardUpdates);
            await WriteAsync(http, 200, $"{{\"id\":\"{path[(path.LastIndexOf('/') + 1)..]}\"}}");
            return;
        }

        if (method == "GET" && path.Contains("/members/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref RosterLookups);
            var user = path[(path.LastIndexOf('/') + 1)..];
            if (_roster.TryGetValue(user, out var aad))
            {
                await WriteAsync(http, 200, JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = user, ["aadObjectId"] = aad, ["name"] = user }));
            }
            else
            {
                await WriteAsync(http, 404, """{"error":{"code":"MemberNotFoundInConversation","message":"not a member"}}""");
            }

            return;
        }

        if (method == "GET" && path.EndsWith("/members", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref MemberLists);
            var members = _roster.Select(m => new Dictionary<string, string> { ["id"] = m.Key, ["objectId"] = m.Value, ["name"] = m.Key }).ToList();
            await WriteAsync(http, 200, JsonSerializer.Serialize(members));
            return;
        }

        Interlocked.Increment(ref Unexpected);
        await WriteAsync(http, 404, """{"error":{"code":"NotFound","message":"the bench channel does not serve this"}}""");
    }

    private void Measure(JsonElement activity, int activityBytes, string source)
    {
        UpdateMax(ref _maxActivityBytes, activityBytes);
        if (activity.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
        {
            foreach (var attachment in attachments.EnumerateArray())
            {
                if (attachment.TryGetProperty("content", out var content))
                {
                    var size = JsonMarshal.GetRawUtf8Value(content).Length;
                    if (UpdateMax(ref _maxCardBytes, size))
                    {
                        _largestCardSource = source;
                    }
                }
            }
        }
    }

    private static bool UpdateMax(ref long field, long value)
    {
        var current = Interlocked.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    private static string? FindString(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals(name) && property.Value.ValueKind == JsonValueKind.String)
                    {
                        return property.Value.GetString();
                    }

                    if (FindString(property.Value, name) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindString(item, name) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } n and > 0 ? (int)n : 4096);
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static Task WriteAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(json);
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes).AsTask();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
