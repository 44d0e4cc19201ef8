using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Hosting;

public sealed class MessagesEndpointTests : IAsyncLifetime
{
    private readonly RecordingChannel _channel = new();
    private BotHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        await _channel.StartAsync();
        _host = new BotHost();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"type\": 42}")]
    [InlineData("{\"type\": \"message\"")]
    [InlineData("{\"type\": \"message\", \"value\": \"x\"}")]
    public async Task Post_BodyThatIsNotARoutableActivity_Returns400(string body)
    {
        var response = await _host.PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_channel.Calls);
    }

    [Fact]
    public async Task Post_BodyAboveTheLimit_Returns413()
    {
        var activity = Activities.Personal(_channel.ServiceUrl, text: new string('x', 300_000));
        var response = await _host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownActivityType_Returns200AndSendsNothing()
    {
        var response = await _host.PostAsync(Activities.Personal(_channel.ServiceUrl, type: "somethingNew"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_channel.Calls);
    }

    [Fact]
    public async Task Get_Messages_Returns405()
    {
        var response = await _host.CreateClient().GetAsync(new Uri("/api/messages", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Post_TokenWhileAuthIsOff_Returns401()
    {
        var response = await _host.PostAsync(Activities.Personal(_channel.ServiceUrl, type: "typing"), "Bearer eyJhbGciOiJub25lIn0.e30.");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Install_PersonalChat_WelcomesOnceEvenWhenRedelivered()
    {
        var update = Activities.Personal(_channel.ServiceUrl, type: "conversationUpdate");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:infosharing-bot" }, new JsonObject { ["id"] = "29:practitioner" });
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(update)).StatusCode);
        var welcome = await _channel.WaitForAsync(c => c.Method == "POST" && c.Card is not null);
        Assert.Equal("/v3/conversations/a:personal-practitioner/activities", welcome.Path);
        Assert.Contains("Welcome to InfoSharing", welcome.Card!.ToJsonString(), StringComparison.Ordinal);

        var again = Activities.Personal(_channel.ServiceUrl, type: "installationUpdate");
        again["action"] = "add";
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(again)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(update.ToJsonString())).StatusCode); // same id: a redelivery
        await Task.Delay(200);
        Assert.Single(_channel.Calls, c => c.Method == "POST");
    }

    [Fact]
    public async Task Invoke_UnknownName_Returns200WithNotImplementedBody()
    {
        var invoke = Activities.Invoke(_channel.ServiceUrl, "29:x", "x", "19:c@thread.tacv2", "1", "approve", []);
        invoke["name"] = "task/fetch";
        var response = await _host.PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(501, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"trigger\":\"manual\"}", "BadRequest")]
    [InlineData("{\"action\":{\"type\":\"Action.Submit\",\"verb\":\"approve\"}}", "NotSupported")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"launchRockets\",\"data\":{}}}", "UnknownVerb")]
    [InlineData("{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"approve\",\"data\":{\"requestId\":\"nope\"}}}", "BadRequest")]
    public async Task Invoke_MalformedAdaptiveCardAction_ReturnsErrorBody(string value, string code)
    {
        var invoke = Activities.Invoke(_channel.ServiceUrl, "29:x", "x", "19:c@thread.tacv2", "1", "approve", []);
        invoke["value"] = JsonNode.Parse(value);
        var response = await _host.PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal(code, body["value"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_ReadyAndLive_Return200()
    {
        var client = _host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }
}
