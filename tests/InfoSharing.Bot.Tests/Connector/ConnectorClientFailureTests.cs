using System.Net;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

public sealed class ConnectorClientFailureTests
{
    private const string ConversationId = "a:1PeRsOnAlCoNvErSaTiOnId";
    private const string SendPath = "/v3/conversations/a%3A1PeRsOnAlCoNvErSaTiOnId/activities";
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Send_429WithRetryAfter1_WaitsOneSecondThenSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, SendPath).Respond(
            LoopbackResponse.Error(429, "Throttled", "Too many requests.").WithHeader("Retry-After", "1"),
            LoopbackResponse.Json(201, """{"id":"1718"}"""));

        var call = Send(harness, ct);
        var delay = await harness.Time.WaitForTimerAsync(static due => due < ConnectorHarness.AttemptTimeout, call, ct);

        Assert.Equal(TimeSpan.FromSeconds(1), delay);
        harness.Time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Yield();
        Assert.False(call.IsCompleted);
        Assert.Single(harness.Connector.Requests);

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await call.WaitAsync(Guard, ct);

        Assert.Equal("1718", result.Id);
        Assert.Equal(2, harness.Connector.Requests.Count);
    }

    [Fact]
    public async Task Send_429WithoutRetryAfter_RetriedAfterJitteredBackoff()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, SendPath).Respond(LoopbackResponse.Empty(429), LoopbackResponse.Json(201, """{"id":"1718"}"""));

        var call = Send(harness, ct);
        var delays = await harness.AdvanceThroughRetriesAsync(call, ct);
        var result = await call.WaitAsync(Guard, ct);

        Assert.Equal("1718", result.Id);
        var delay = Assert.Single(delays);
        Assert.InRange(delay, TimeSpan.FromMilliseconds(160), TimeSpan.FromMilliseconds(240));
        Assert.Equal(2, harness.Connector.Requests.Count);
    }

    [Fact]
    public async Task Update_503_RetriedWithTheSameBodyAndToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(new() { Token = "tok" }, ct);
        harness.Connector.On(HttpMethod.Put, SendPath + "/1718").Respond(LoopbackResponse.Empty(503), LoopbackResponse.Json(200, """{"id":"1718"}"""));

        var call = harness.Client.UpdateActivityAsync(harness.Connector.ServiceUrl, ConversationId, "1718", ConnectorOperations.Message, ct);
        await harness.AdvanceThroughRetriesAsync(call, ct);
        await call.WaitAsync(Guard, ct);

        var requests = harness.Connector.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, request => Assert.Equal("PUT", request.Method));
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(requests[0].Header("Content-Type"), requests[1].Header("Content-Type"));
        Assert.All(requests, request => Assert.Equal("Bearer tok", request.Header("Authorization")));
        Assert.Contains("Your request REQ-42", requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_429EveryTime_ThrottledAfterMaxRetries()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, SendPath).RespondAlways(LoopbackResponse.Error(429, "Throttled").WithHeader("Retry-After", "2").WithHeader("MS-CV", "cv.1"));

        var call = Send(harness, ct);
        var delays = await harness.AdvanceThroughRetriesAsync(call, ct);
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => call.WaitAsync(Guard, ct));

        Assert.Equal(ConnectorFailureKind.Throttled, ex.Kind);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal("Throttled", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
        Assert.Equal("cv.1", ex.CorrelationVector);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], delays);
        Assert.Equal(4, harness.Connector.Requests.Count);
    }

    [Fact]
    public async Task Send_429RetryAfterBeyondCap_ThrottledWithoutWaitingOrRetrying()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, SendPath).Respond(LoopbackResponse.Empty(429).WithHeader("Retry-After", "120"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Send(harness, ct).WaitAsync(Guard, ct));

        Assert.Equal(ConnectorFailureKind.Throttled, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.Single(harness.Connector.Requests);
    }

    [Fact]
    public async Task Send_MaxRetriesZero_429NotRetried()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(new() { Settings = new Dictionary<string, string?> { ["Connector:MaxRetries"] = "0" } }, ct);
        harness.Connector.On(HttpMethod.Post, SendPath).Respond(LoopbackResponse.Empty(429));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Send(harness, ct).WaitAsync(Guard, ct));

        Assert.Equal(ConnectorFailureKind.Throttled, ex.Kind);
        Assert.Single(harness.Connector.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Send_5xxOtherThan503_NotRetriedAndTransient(int status)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, SendPath).Respond(LoopbackResponse.Error(status, "ServiceError", "Internal server error."));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Send(harness, ct).WaitAsync(Guard, ct));

        Assert.Equal(ConnectorFailureKind.Transient, ex.Kind);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal("ServiceError", ex.ErrorCode);
        Assert.Single(harness.Connector.Requests);
        Assert.DoesNotContain(harness.Time.DueTimes, due => due < ConnectorHarness.AttemptTimeout);
    }

    [Fact]
    public async Task Send_503EveryTime_TransientAfterMaxRetries()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, SendPath).RespondAlways(LoopbackResponse.Empty(503));

        var call = Send(harness, ct);
        await harness.AdvanceThroughRetriesAsync(call, ct);
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => call.WaitAsync(Guard, ct));

        Assert.Equal(ConnectorFailureKind.Transient, ex.Kind);
        Assert.Equal(4, harness.Connector.Requests.Count);
    }

    [Fact]
    public async Task Send_HangsPastAttemptTimeout_OutcomeUnknownAndNotRetried()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, SendPath).Respond(LoopbackResponse.Hang());

        var call = Send(harness, ct);
        await harness.Connector.WaitForRequestsAsync(1, ct);
        harness.Time.Advance(ConnectorHarness.AttemptTimeout);
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => call.WaitAsync(Guard, ct));

        Assert.Equal(ConnectorFailureKind.OutcomeUnknown, ex.Kind);
        Assert.Null(ex.StatusCode);
        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Single(harness.Connector.Requests);
    }

    [Fact]
    public async Task GetMembers_HangsPastAttemptTimeout_Transient()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Get, "/v3/conversations/a%3A1PeRsOnAlCoNvErSaTiOnId/members").Respond(LoopbackResponse.Hang());

        var call = harness.Client.GetMembersAsync(harness.Connector.ServiceUrl, ConversationId, ct);
        await harness.Connector.WaitForRequestsAsync(1, ct);
        harness.Time.Advance(ConnectorHarness.AttemptTimeout);
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => call.WaitAsync(Guard, ct));

        Assert.Equal(ConnectorFailureKind.Transient, ex.Kind);
        Assert.Single(harness.Connector.Requests);
    }

    [Theory]
    [InlineData(ConnectorOperation.SendToConversation, ConnectorFailureKind.OutcomeUnknown)]
    [InlineData(ConnectorOperation.ReplyToActivity, ConnectorFailureKind.OutcomeUnknown)]
    [InlineData(ConnectorOperation.UpdateActivity, ConnectorFailureKind.OutcomeUnknown)]
    [InlineData(ConnectorOperation.CreateConversation, ConnectorFailureKind.OutcomeUnknown)]
    [InlineData(ConnectorOperation.GetMember, ConnectorFailureKind.Transient)]
    [InlineData(ConnectorOperation.GetMembers, ConnectorFailureKind.Transient)]
    public async Task Operation_ConnectionResetAfterSending_WritesOutcomeUnknownReadsTransient(ConnectorOperation operation, ConnectorFailureKind expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(
            ConnectorOperations.MethodOf(operation),
            "/" + ConnectorOperations.PathOf(operation, "a%3A1PeRsOnAlCoNvErSaTiOnId")).Respond(LoopbackResponse.Abort());

        var ex = await Assert.ThrowsAsync<ConnectorException>(
            () => ConnectorOperations.InvokeAsync(harness.Client, operation, harness.Connector.ServiceUrl, ConversationId, ct).WaitAsync(Guard, ct));

        Assert.Equal(expected, ex.Kind);
        Assert.Single(harness.Connector.Requests);
    }

    [Fact]
    public async Task Send_ConnectionRefused_TransientBecauseNothingWasSent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        var closed = await LoopbackConnector.StartAsync(ct);
        var closedUrl = closed.ServiceUrl;
        await closed.DisposeAsync();

        var ex = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(closedUrl, ConversationId, ConnectorOperations.Message, ct).WaitAsync(Guard, ct));

        Assert.Equal(ConnectorFailureKind.Transient, ex.Kind);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Theory]
    [InlineData(403, "BotNotInConversationRoster", null, ConnectorFailureKind.NotInRoster)]
    [InlineData(403, "Forbidden", "MessageWritesBlocked", ConnectorFailureKind.Blocked)]
    [InlineData(403, "ConversationBlockedByUser", null, ConnectorFailureKind.Blocked)]
    [InlineData(403, "InvalidBotApiHost", null, ConnectorFailureKind.Forbidden)]
    [InlineData(401, "BotNotRegistered", null, ConnectorFailureKind.Unauthorized)]
    [InlineData(404, "ConversationNotFound", null, ConnectorFailureKind.NotFound)]
    [InlineData(400, "BadSyntax", null, ConnectorFailureKind.BadRequest)]
    [InlineData(413, "MessageSizeTooBig", null, ConnectorFailureKind.BadRequest)]
    [InlineData(412, "PreconditionFailed", null, ConnectorFailureKind.Transient)]
    public async Task Send_ErrorResponse_KindCodeAndSingleRequest(int status, string code, string? subCode, ConnectorFailureKind expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, SendPath).Respond(LoopbackResponse.Error(status, code, "message from the connector", subCode).WithHeader("MS-CV", "abc.1.2"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Send(harness, ct).WaitAsync(Guard, ct));

        Assert.Equal(expected, ex.Kind);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(subCode, ex.ErrorSubCode);
        Assert.Equal("abc.1.2", ex.CorrelationVector);
        Assert.Equal("SendToConversation", ex.Operation);
        Assert.Contains("message from the connector", ex.Message, StringComparison.Ordinal);
        Assert.Single(harness.Connector.Requests);
    }

    [Fact]
    public async Task Send_Redirect_NotFollowed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, SendPath).Respond(LoopbackResponse.Empty(307).WithHeader("Location", "http://127.0.0.2:9/steal"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Send(harness, ct).WaitAsync(Guard, ct));

        Assert.Equal(ConnectorFailureKind.InvalidResponse, ex.Kind);
        Assert.Single(harness.Connector.Requests);
    }

    [Fact]
    public async Task Send_CallerCancels_OperationCanceledNotConnectorException()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, SendPath).Respond(LoopbackResponse.Hang());
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var call = harness.Client.SendToConversationAsync(harness.Connector.ServiceUrl, ConversationId, ConnectorOperations.Message, caller.Token);
        await harness.Connector.WaitForRequestsAsync(1, ct);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Guard, ct));
        Assert.Single(harness.Connector.Requests);
    }

    private static Task<InfoSharing.Bot.Protocol.ResourceResponse> Send(ConnectorHarness harness, CancellationToken cancellationToken) =>
        harness.Client.SendToConversationAsync(harness.Connector.ServiceUrl, ConversationId, ConnectorOperations.Message, cancellationToken);
}
