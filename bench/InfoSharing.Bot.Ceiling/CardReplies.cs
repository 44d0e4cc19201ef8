using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace InfoSharing.Bot.Ceiling;

/// <summary>
/// One turn, and nothing else: the activity's body parsed with <see cref="JsonDocument"/>, one reply activity carrying
/// a fixed Adaptive Card of about 3 KB written with <see cref="Utf8JsonWriter"/> and POSTed to
/// <c>{serviceUrl}v3/conversations/{id}/activities</c>, then 200 (an invoke gets the same card as its response body).
/// No state, no token, no database.
/// </summary>
public sealed class CardReplies
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly byte[] Card = Encoding.UTF8.GetBytes(FixedCard.Json);

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task HandleAsync(HttpContext http)
    {
        using var body = new MemoryStream(http.Request.ContentLength is { } n and > 0 and < 1_000_000 ? (int)n : 4096);
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        using var activity = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
        var root = activity.RootElement;
        var serviceUrl = root.GetProperty("serviceUrl").GetString()!;
        var conversationId = root.GetProperty("conversation").GetProperty("id").GetString()!;
        var isInvoke = root.TryGetProperty("type", out var type) && type.ValueEquals("invoke");

        var reply = new ArrayBufferWriter<byte>(Card.Length + 1024);
        using (var writer = new Utf8JsonWriter(reply))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "message");
            if (root.TryGetProperty("recipient", out var recipient))
            {
                writer.WritePropertyName("from");
                recipient.WriteTo(writer);
            }

            if (root.TryGetProperty("from", out var from))
            {
                writer.WritePropertyName("recipient");
                from.WriteTo(writer);
            }

            writer.WriteStartObject("conversation");
            writer.WriteString("id", conversationId);
            writer.WriteEndObject();
            if (root.TryGetProperty("id", out var id))
            {
                writer.WriteString("replyToId", id.GetString());
            }

            writer.WriteStartArray("attachments");
            writer.WriteStartObject();
            writer.WriteString("contentType", "application/vnd.microsoft.card.adaptive");
            writer.WritePropertyName("content");
            writer.WriteRawValue(Card, skipInputValidation: true);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var url = new Uri(serviceUrl.TrimEnd('/') + "/v3/conversations/" + Uri.EscapeDataString(conversationId) + "/activities");
        using var content = new ReadOnlyMemoryContent(reply.WrittenMemory);
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync(url, content, http.RequestAborted);
        http.Response.StatusCode = response.IsSuccessStatusCode ? 200 : 502;
        if (isInvoke && response.IsSuccessStatusCode)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.Body.WriteAsync(InvokeBody(), http.RequestAborted);
        }
    }

    private static byte[] InvokeBody() =>
        Encoding.UTF8.GetBytes($$"""{"statusCode":200,"type":"application/vnd.microsoft.card.adaptive","value":{{FixedCard.Json}}}""");
}
