using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>
/// The real bot (Program, routing, EF Core) in-process with a fake clock, on a given SQLite file or PostgreSQL
/// database, so that a second host on the same database is a restart, or a second instance.
/// </summary>
public sealed class SafeguardingHost(FakeTimeProvider clock, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock => clock;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
    }

    /// <summary>A GET from loopback (the Development access of the records API and the tabs): status and body.</summary>
    public async Task<(int Status, string Body)> GetLocalAsync(string path)
    {
        var context = await Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            var query = path.IndexOf('?', StringComparison.Ordinal);
            c.Request.Path = query < 0 ? path : path[..query];
            c.Request.QueryString = query < 0 ? Microsoft.AspNetCore.Http.QueryString.Empty : new Microsoft.AspNetCore.Http.QueryString(path[query..]);
            c.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        return await CreateClient().SendAsync(request);
    }
}
