using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Tests.Auth;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Hosting;

/// <summary>Every token case of the catalogue, through the real pipeline (no auth bypass): refused → 401, accepted → 200.</summary>
public sealed class PipelineAuthTests : IAsyncLifetime
{
    private TestTokenIssuer _issuer = null!;

    public async ValueTask InitializeAsync() => _issuer = await TestTokenIssuer.StartAsync();

    public async ValueTask DisposeAsync() => await _issuer.DisposeAsync();

    [Theory]
    [MemberData(nameof(AuthCases.BadCaseNames), MemberType = typeof(AuthCases))]
    public async Task Post_BadToken_Returns401(string name) => Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(name));

    [Theory]
    [MemberData(nameof(AuthCases.GoodCaseNames), MemberType = typeof(AuthCases))]
    public async Task Post_GoodToken_Returns200(string name) => Assert.Equal(HttpStatusCode.OK, await SendAsync(name));

    private async Task<HttpStatusCode> SendAsync(string name)
    {
        var request = AuthCases.Get(name).Build(_issuer);
        await using var host = new BotHost(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = request.ConfiguredAppId ?? "",
            ["MicrosoftAppPassword"] = string.IsNullOrEmpty(request.ConfiguredAppId) ? "" : TestTokenIssuer.AppPassword,
            ["BotAuthentication:ChannelOpenIdMetadataUrl"] = _issuer.ChannelMetadataUrl,
            ["BotAuthentication:EmulatorOpenIdMetadataUrl"] = _issuer.EntraMetadataUrl,
            ["BotAuthentication:RequireHttpsMetadata"] = "false",
        });

        // "typing" makes the bot send nothing, so an accepted token never leads to a call to the real serviceUrl.
        var activity = Activities.Personal(request.ServiceUrl ?? "", type: "typing");
        activity["channelId"] = request.ChannelId;
        if (request.ServiceUrl is null)
        {
            activity.Remove("serviceUrl");
        }
        var response = await host.PostAsync(activity, request.AuthorizationHeader);
        return response.StatusCode;
    }
}
