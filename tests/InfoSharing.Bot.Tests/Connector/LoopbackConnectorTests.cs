using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

public sealed class LoopbackConnectorTests
{
    [Fact]
    public async Task Dispose_UnscriptedCall_Answers418AndFailsTheTest()
    {
        var ct = TestContext.Current.CancellationToken;
        var connector = await LoopbackConnector.StartAsync(ct);
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(connector.BaseAddress, "v3/conversations/x/activities"), new StringContent("{}"), ct);

        Assert.Equal(418, (int)response.StatusCode);
        Assert.Contains("LoopbackUnexpectedCall", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        var ex = await Assert.ThrowsAsync<LoopbackUnexpectedCallException>(async () => await connector.DisposeAsync());
        Assert.Contains("POST /v3/conversations/x/activities", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Respond_QueueUsedUp_FurtherCallIsUnexpected()
    {
        var ct = TestContext.Current.CancellationToken;
        var connector = await LoopbackConnector.StartAsync(ct);
        var route = connector.On(HttpMethod.Get, "/ping").Respond(LoopbackResponse.Json(200, "{}"));
        using var http = new HttpClient { BaseAddress = connector.BaseAddress };

        using var first = await http.GetAsync(new Uri("ping", UriKind.Relative), ct);
        using var second = await http.GetAsync(new Uri("ping", UriKind.Relative), ct);

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(418, (int)second.StatusCode);
        Assert.Equal(1, route.CallCount);
        Assert.Equal(0, route.Remaining);
        Assert.Single(connector.UnexpectedRequests);
        await Assert.ThrowsAsync<LoopbackUnexpectedCallException>(async () => await connector.DisposeAsync());
    }

    [Fact]
    public async Task RespondAlways_RecordsRawTargetHeadersAndBody()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connector = await LoopbackConnector.StartAsync(ct);
        var route = connector.On("any members call", request => request.RawPath.EndsWith("/members", StringComparison.Ordinal))
            .RespondAlways(LoopbackResponse.Json(200, "[]").WithHeader("MS-CV", "cv"));
        using var http = new HttpClient { BaseAddress = connector.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v3/conversations/a%3A1/members?x=1", UriKind.Relative))
        {
            Content = new StringContent("""{"k":"v"}"""),
        };
        request.Headers.TryAddWithoutValidation("X-Test", "yes");

        using var response = await http.SendAsync(request, ct);
        using var again = await http.GetAsync(new Uri("v3/conversations/b/members", UriKind.Relative), ct);

        Assert.Equal("cv", response.Headers.GetValues("MS-CV").Single());
        Assert.Equal(2, route.CallCount);
        var recorded = connector.Requests[0];
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/v3/conversations/a%3A1/members?x=1", recorded.RawTarget);
        Assert.Equal("/v3/conversations/a%3A1/members", recorded.RawPath);
        Assert.Equal("yes", recorded.Header("x-test"));
        Assert.Equal("v", (string?)recorded.BodyJson()["k"]);
    }

    [Fact]
    public async Task Dispose_HangingRequest_EndsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var connector = await LoopbackConnector.StartAsync(ct);
        connector.On(HttpMethod.Get, "/hang").Respond(LoopbackResponse.Hang());
        using var http = new HttpClient { BaseAddress = connector.BaseAddress };

        var call = http.GetAsync(new Uri("hang", UriKind.Relative), ct);
        await connector.WaitForRequestsAsync(1, ct);
        await connector.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => call.WaitAsync(TimeSpan.FromSeconds(10), ct));
    }
}
