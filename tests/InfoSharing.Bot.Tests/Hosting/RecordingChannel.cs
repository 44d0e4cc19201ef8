using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Hosting;

/// <summary>
/// Teams' side of the protocol on a real loopback port: records every Connector call the bot makes and answers
/// like the connector (ids for sends, a thread id for create-conversation, members for the roster).
/// </summary>
public sealed class RecordingChannel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _nextId = 1000;

    public RecordingChannel()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    /// <summary>Members returned by the roster API, keyed by user id (value: Entra object id).</summary>
    public ConcurrentDictionary<string, string> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>Display names of roster members, keyed by user id (default: the user id itself).</summary>
    public ConcurrentDictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>Status to answer for the next calls whose path contains the key (e.g. 403 for a conversation).</summary>
    public ConcurrentDictionary<string, int> FailPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>Faults answered, once each and in order, to the first calls whose path contains the fragment.</summary>
    public ConcurrentQueue<ScriptedFault> Faults { get; } = new();

    public string ServiceUrl { get; private set; } = "";

    public async Task StartAsync()
    {
        await _app.StartAsync();
        ServiceUrl = _app.Urls.First().Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/";
    }

    public IReadOnlyList<RecordedCall> Sent(string method) => [.. Calls.Where(c => c.Method == method)];

    public async Task<RecordedCall> WaitForAsync(Func<RecordedCall, bool> match, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < until)
        {
            if (Calls.FirstOrDefault(match) is { } call)
            {
                return call;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("the bot did not make the expected connector call; calls: "
            + string.Join(", ", Calls.Select(c => $"{c.Method} {c.Path}")));
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var path = Uri.UnescapeDataString(http.Request.Path.Value ?? "");
        var call = new RecordedCall(http.Request.Method, path, string.IsNullOrEmpty(body) ? null : JsonNode.Parse(body) as JsonObject,
            http.Request.Headers.Authorization.ToString());
        Calls.Enqueue(call);
        if (Faults.TryPeek(out var fault) && path.Contains(fault.PathFragment, StringComparison.Ordinal) && http.Request.Method == fault.Method
            && Faults.TryDequeue(out fault))
        {
            if (fault.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fault.Delay, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            http.Response.StatusCode = fault.Status;
            if (fault.RetryAfterSeconds is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await http.Response.WriteAsJsonAsync(new { error = new { code = fault.Code, message = "scripted fault" } });
            return;
        }

        foreach (var (fragment, status) in FailPaths)
        {
            if (path.Contains(fragment, StringComparison.Ordinal))
            {
                http.Response.StatusCode = status;
                await http.Response.WriteAsJsonAsync(new { error = new { code = status == 403 ? "BotNotInConversationRoster" : "Failed", message = "scripted" } });
                return;
            }
        }

        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (http.Request.Method == "POST" && path.EndsWith("/v3/conversations", StringComparison.Ordinal))
        {
            var channel = call.Body?["channelData"]?["channel"]?["id"]?.GetValue<string>();
            http.Response.StatusCode = 201;
            await http.Response.WriteAsJsonAsync(channel is null
                ? new { id = "a:created-" + id, activityId = (string?)null }
                : new { id = $"{channel};messageid={id}", activityId = (string?)id });
            return;
        }

        if (http.Request.Method == "GET" && path.Contains("/members/", StringComparison.Ordinal))
        {
            var user = path[(path.LastIndexOf('/') + 1)..];
            if (Members.TryGetValue(user, out var aad))
            {
                await http.Response.WriteAsJsonAsync(new { id = user, aadObjectId = aad, name = Names.GetValueOrDefault(user, user) });
            }
            else
            {
                http.Response.StatusCode = 404;
                await http.Response.WriteAsJsonAsync(new { error = new { code = "MemberNotFoundInConversation", message = "not a member" } });
            }

            return;
        }

        if (http.Request.Method == "GET" && path.EndsWith("/members", StringComparison.Ordinal))
        {
            await http.Response.WriteAsJsonAsync(Members.Select(m => new { id = m.Key, objectId = m.Value, name = Names.GetValueOrDefault(m.Key, m.Key) }));
            return;
        }

        http.Response.StatusCode = http.Request.Method == "PUT" ? 200 : 201;
        await http.Response.WriteAsJsonAsync(new { id });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ScriptedFault(string Method, string PathFragment, int Status, string Code = "Scripted", int? RetryAfterSeconds = null, TimeSpan Delay = default);

public sealed record RecordedCall(string Method, string Path, JsonObject? Body, string Authorization)
{
    public string? Text => Body?["text"]?.GetValue<string>();

    public JsonObject? Card => Body?["attachments"]?[0]?["content"] as JsonObject
                               ?? Body?["activity"]?["attachments"]?[0]?["content"] as JsonObject;
}
