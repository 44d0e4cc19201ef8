using System.Net;
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

    public void Dispose() => _http.Dispose();
}
