using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Bench;

/// <summary>Posts activities to the bot's <c>/api/messages</c> as the Bot Connector does (no token: Development, no app id).</summary>
public sealed class BotClient : IDisposable
{
    private readonly HttpClient _http;

    public BotClient(Uri baseAddress)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(JsonObject activity, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(activity.ToJsonString()));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await _http.PostAsync(new Uri("api/messages", UriKind.Relative), content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, body);
    }

    /// <summary>
    /// The first activity of a process just started: posted as soon as its port accepts connections (retried every 2 ms
    /// until then, for at most a minute); anything but 200, or the process exiting, is an error naming its last log lines.
    /// </summary>
    public async Task PostFirstAsync(BotProcess process, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        var giveUp = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("the process exited during start-up:\n" + process.Tail());
            }

            try
            {
                var (status, _) = await PostAsync(activity, cancellationToken);
                if (status != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"the first turn was answered HTTP {(int)status}:\n" + process.Tail());
                }

                return;
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException && Stopwatch.GetTimestamp() < giveUp)
            {
                await Task.Delay(2, cancellationToken);
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
