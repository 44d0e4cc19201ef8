using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfoSharing.Bot.LoadTest;

/// <summary>
/// Teams' Bot Connector on <c>http://127.0.0.1:{port}/</c> for load and fault runs: answers sends, thread creation,
/// card updates and the roster like the connector, injects seeded faults into a share of the calls, and records every
/// write it accepted, so a run can count what reached the practitioner and find any message accepted twice.
/// </summary>
public sealed class FakeTeams : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly List<AcceptedMessage> _accepted = [];
    private readonly Dictionary<string, List<JsonObject>> _byConversation = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ApprovalCardPosted> _approvalCards = new();
    private readonly ConcurrentDictionary<FaultKind, int> _faults = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<(string Method, string PathContains, FaultKind Kind)> _scripted = [];
    private WebApplication? _app;
    private long _nextId = 1000;
    private long _calls;

    public FakeTeams(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>Share of calls (0 to 1) answered with one of <see cref="FaultKinds"/>.</summary>
    public double FaultRate { get; set; }

    /// <summary>The faults drawn from (uniformly).</summary>
    public IReadOnlyList<FaultKind> FaultKinds { get; set; } = TransientFaults;

    /// <summary>Faults after which the bot may retry (nothing was done) or must not resend (the outcome is unknown).</summary>
    public static IReadOnlyList<FaultKind> TransientFaults { get; } =
    [
        FaultKind.ThrottledWithRetryAfter, FaultKind.Throttled, FaultKind.InternalError, FaultKind.BadGateway,
        FaultKind.Unavailable, FaultKind.GatewayTimeout, FaultKind.AcceptedThenHang, FaultKind.Reset,
    ];

    /// <summary>How long an <see cref="FaultKind.AcceptedThenHang"/> answer is held back (longer than the bot's attempt timeout).</summary>
    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(3);

    public string ServiceUrl { get; private set; } = "";

    /// <summary>
    /// Answers the next call with this method whose (unescaped) path contains the fragment with the fault, once. A fragment
    /// ending in '$' must end the path (<c>/v3/conversations$</c> is thread creation only).
    /// </summary>
    public void ScriptFault(string method, string pathContains, FaultKind kind)
    {
        lock (_gate)
        {
            _scripted.Add((method, pathContains, kind));
        }
    }

    private static bool Matches(string path, string fragment) => fragment.EndsWith('$')
        ? path.EndsWith(fragment[..^1], StringComparison.Ordinal)
        : path.Contains(fragment, StringComparison.Ordinal);

    public long Calls => Interlocked.Read(ref _calls);

    public IReadOnlyDictionary<FaultKind, int> Faults => _faults;

    public int FaultCount => _faults.Values.Sum();

    public IReadOnlyList<AcceptedMessage> Accepted
    {
        get
        {
            lock (_gate)
            {
                return [.. _accepted];
            }
        }
    }

    public ConcurrentQueue<ApprovalCardPosted> ApprovalCards => _approvalCards;

    /// <summary>Accepted POST bodies seen more than once: messages the practitioner or the approvers would see twice.</summary>
    public IReadOnlyList<AcceptedMessage> Duplicates()
    {
        lock (_gate)
        {
            return [.. _accepted.Where(m => m.Method == "POST").GroupBy(m => m.Fingerprint, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.First())];
        }
    }

    /// <summary>Messages accepted in a conversation (1:1 chat or approval thread), in order.</summary>
    public IReadOnlyList<JsonObject> MessagesIn(string conversationId)
    {
        lock (_gate)
        {
            return _byConversation.TryGetValue(conversationId, out var list) ? [.. list] : [];
        }
    }

    public int MessageCountIn(string conversationId)
    {
        lock (_gate)
        {
            return _byConversation.TryGetValue(conversationId, out var list) ? list.Count : 0;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxConcurrentConnections = null;
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        ServiceUrl = address.TrimEnd('/') + "/";
    }

    private async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _calls);
        string text;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(http.RequestAborted);
        }

        var method = http.Request.Method;
        var path = Uri.UnescapeDataString(http.Request.Path.Value ?? "");
        if (method == "GET" && path.EndsWith("/members", StringComparison.Ordinal))
        {
            // An empty roster: the card's automatic refresh then lists no one.
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync("[]", http.RequestAborted);
            return;
        }

        var body = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        var fault = DrawFault(method, path);
        if (fault is { } f && f != FaultKind.AcceptedThenHang)
        {
            _faults.AddOrUpdate(f, 1, static (_, n) => n + 1);
            await FailAsync(http, f);
            return;
        }

        var (status, answer) = Act(method, path, body);
        if (fault is FaultKind.AcceptedThenHang && status < 300)
        {
            _faults.AddOrUpdate(FaultKind.AcceptedThenHang, 1, static (_, n) => n + 1);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(HangFor, linked.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        http.Response.StatusCode = status;
        if (answer is not null)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(answer.ToJsonString(), http.RequestAborted);
        }
    }

    private FaultKind? DrawFault(string method, string path)
    {
        lock (_gate)
        {
            var scripted = _scripted.FindIndex(f => f.Method == method && Matches(path, f.PathContains));
            if (scripted >= 0)
            {
                var kind = _scripted[scripted].Kind;
                _scripted.RemoveAt(scripted);
                return kind;
            }

            if (FaultRate <= 0 || FaultKinds.Count == 0 || _random.NextDouble() >= FaultRate)
            {
                return null;
            }

            return FaultKinds[_random.Next(FaultKinds.Count)];
        }
    }

    private static async Task FailAsync(HttpContext http, FaultKind fault)
    {
        switch (fault)
        {
            case FaultKind.Reset:
                http.Abort();
                return;
            case FaultKind.ThrottledWithRetryAfter:
                http.Response.Headers.RetryAfter = "0";
                await Error(http, 429, "Throttled");
                return;
            case FaultKind.Throttled:
                await Error(http, 429, "Throttled");
                return;
            case FaultKind.InternalError:
                await Error(http, 500, "InternalServerError");
                return;
            case FaultKind.BadGateway:
                await Error(http, 502, "BadGateway");
                return;
            case FaultKind.Unavailable:
                await Error(http, 503, "ServiceUnavailable");
                return;
            case FaultKind.GatewayTimeout:
                await Error(http, 504, "GatewayTimeout");
                return;
            case FaultKind.NotInRoster:
                await Error(http, 403, "BotNotInConversationRoster");
                return;
            default:
                await Error(http, 404, "ConversationNotFound");
                return;
        }
    }

    private static Task Error(HttpContext http, int status, string code)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = "injected fault" } }.ToJsonString());
    }

    /// <summary>What the connector does with a call it accepts: the status and body of its answer.</summary>
    private (int Status, JsonObject? Answer) Act(string method, string path, JsonObject? body)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        const string Conversations = "/v3/conversations";
        if (method == "GET")
        {
            return (404, NotFoundBody());
        }

        if (method == "POST" && path == Conversations && body is not null)
        {
            var channel = body["channelData"]?["channel"]?["id"]?.GetValue<string>();
            var activity = body["activity"] as JsonObject;
            if (channel is not null && activity is not null)
            {
                var thread = $"{channel};messageid={id}";
                Record(method, thread, body);
                if (FindString(activity, "requestId") is { } requestId)
                {
                    _approvalCards.Enqueue(new ApprovalCardPosted(thread, id, requestId));
                }

                return (201, new JsonObject { ["id"] = thread, ["activityId"] = id });
            }

            var member = body["members"]?[0]?["id"]?.GetValue<string>() ?? id;
            Record(method, "a:created-" + member, body);
            return (201, new JsonObject { ["id"] = "a:created-" + member });
        }

        if (path.StartsWith(Conversations + "/", StringComparison.Ordinal) && body is not null)
        {
            var rest = path[(Conversations.Length + 1)..];
            var slash = rest.IndexOf("/activities", StringComparison.Ordinal);
            if (slash > 0)
            {
                var conversation = rest[..slash];
                if (method == "POST")
                {
                    Record(method, conversation, body);
                    return (201, new JsonObject { ["id"] = id });
                }

                if (method == "PUT")
                {
                    Record(method, conversation, body);
                    return (200, new JsonObject { ["id"] = rest[(rest.LastIndexOf('/') + 1)..] });
                }
            }
        }

        return (404, NotFoundBody());
    }

    private static JsonObject NotFoundBody() => new() { ["error"] = new JsonObject { ["code"] = "NotFound", ["message"] = "no such route" } };

    private void Record(string method, string conversationId, JsonObject body)
    {
        var fingerprint = method + " " + conversationId + " " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())));
        lock (_gate)
        {
            _accepted.Add(new AcceptedMessage(method, conversationId, body, fingerprint));
            if (!_byConversation.TryGetValue(conversationId, out var list))
            {
                _byConversation[conversationId] = list = [];
            }

            list.Add(body);
        }
    }

    private static string? FindString(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == name && value is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        return s;
                    }

                    if (FindString(value, name) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray a:
                return a.Select(item => FindString(item, name)).FirstOrDefault(found => found is not null);
            default:
                return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }
}
