using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>Posting an activity to any host of the real Program (a BotHost or one derived from it).</summary>
public static class HostPosting
{
    public static Task<HttpResponseMessage> PostAsync(this WebApplicationFactory<Program> host, JsonObject activity) =>
        host.PostRawAsync(activity.ToJsonString());

    public static async Task<HttpResponseMessage> PostRawAsync(this WebApplicationFactory<Program> host, string body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(host);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        using var client = host.CreateClient();
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostBytesAsync(this WebApplicationFactory<Program> host, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        using var client = host.CreateClient();
        return await client.SendAsync(request);
    }
}
