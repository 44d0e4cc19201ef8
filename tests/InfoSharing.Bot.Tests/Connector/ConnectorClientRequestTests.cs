using System.Text.Json;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Protocol;
using Microsoft.Extensions.Logging;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

public sealed class ConnectorClientRequestTests
{
    private const string PersonalId = "a:1PeRsOnAlCoNvErSaTiOnId";
    private const string EscapedPersonalId = "a%3A1PeRsOnAlCoNvErSaTiOnId";

    public static TheoryData<ConnectorOperation, string, string> OperationsAndIds()
    {
        var data = new TheoryData<ConnectorOperation, string, string>();
        (string Id, string Escaped)[] ids =
        [
            (PersonalId, EscapedPersonalId),
            ("19:abc@thread.tacv2;messageid=1718", "19%3Aabc%40thread.tacv2%3Bmessageid%3D1718"),
            ("conv|livechat", "conv%7Clivechat"),
        ];
        foreach (var operation in Enum.GetValues<ConnectorOperation>())
        {
            foreach (var (id, escaped) in ids)
            {
                data.Add(operation, id, escaped);
            }
        }

        return data;
    }

    public static TheoryData<ConnectorOperation> AllOperations() => new(Enum.GetValues<ConnectorOperation>());

    [Theory]
    [MemberData(nameof(OperationsAndIds))]
    public async Task Operation_IdsWithReservedCharacters_SendsMethodAndEscapedRawPath(ConnectorOperation operation, string conversationId, string escapedConversationId)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        var method = ConnectorOperations.MethodOf(operation);
        var path = "/" + ConnectorOperations.PathOf(operation, escapedConversationId);
        harness.Connector.On(method, path).Respond(ConnectorOperations.SuccessOf(operation));

        await ConnectorOperations.InvokeAsync(harness.Client, operation, harness.Connector.ServiceUrl, conversationId, ct);

        var request = Assert.Single(harness.Connector.Requests);
        Assert.Equal(method.Method, request.Method);
        Assert.Equal(path, request.RawTarget);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("//", "")]
    [InlineData("/amer", "/amer")]
    [InlineData("/amer/", "/amer")]
    public async Task Send_ServiceUrlWithOrWithoutTrailingSlash_ExactlyOneSlashBeforeV3(string suffix, string expectedPrefix)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        var path = $"{expectedPrefix}/v3/conversations/{EscapedPersonalId}/activities";
        harness.Connector.On(HttpMethod.Post, path).Respond(LoopbackResponse.Json(201, """{"id":"1"}"""));

        await harness.Client.SendToConversationAsync(
            harness.Connector.ServiceUrlWithoutTrailingSlash + suffix, PersonalId, ConnectorOperations.Message, ct);

        Assert.Equal(path, Assert.Single(harness.Connector.Requests).RawTarget);
    }

    [Fact]
    public async Task Send_Activity_BodyOmitsNullsAndKeepsUnknownFields()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, $"/v3/conversations/{EscapedPersonalId}/activities").Respond(LoopbackResponse.Json(201, """{"id":"1"}"""));
        var inbound = JsonSerializer.Deserialize(
            """{"type":"message","text":"hi","futureField":{"nested":[1,2]},"from":{"id":"28:bot","futureAccountField":"x"}}""",
            ProtocolJsonContext.Default.BotActivity)!;

        await harness.Client.SendToConversationAsync(harness.Connector.ServiceUrl, PersonalId, inbound, ct);

        var request = Assert.Single(harness.Connector.Requests);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.DoesNotContain("null", request.Body, StringComparison.Ordinal);
        var body = request.BodyJson();
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("hi", (string?)body["text"]);
        Assert.Equal("""{"nested":[1,2]}""", body["futureField"]!.ToJsonString());
        Assert.Equal("x", (string?)body["from"]!["futureAccountField"]);
        Assert.False(body.ContainsKey("id"));
        Assert.False(body.ContainsKey("replyToId"));
    }

    [Fact]
    public async Task Update_Activity_BodyIdIsTheActivityIdInThePath()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Put, "/" + ConnectorOperations.PathOf(ConnectorOperation.UpdateActivity, EscapedPersonalId))
            .Respond(LoopbackResponse.Json(200, """{"id":"f:1718|0001"}"""));

        var result = await harness.Client.UpdateActivityAsync(
            harness.Connector.ServiceUrl, PersonalId, ConnectorOperations.ActivityId, ConnectorOperations.Message with { Id = "stale" }, ct);

        Assert.Equal(ConnectorOperations.ActivityId, result.Id);
        Assert.Equal(ConnectorOperations.ActivityId, (string?)Assert.Single(harness.Connector.Requests).BodyJson()["id"]);
    }

    [Fact]
    public async Task Create_ChannelThread_PostsParametersAndReadsBothIds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, "/v3/conversations").Respond(LoopbackResponse.Json(
            201, """{"id":"19:a1b2@thread.tacv2;messageid=1718123460000","activityId":"1718123460000"}"""));
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            TenantId = "tenant-1",
            ChannelData = new() { ["channel"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "19:a1b2@thread.tacv2" } },
            Activity = new BotActivity { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(new() { ["type"] = "AdaptiveCard" })] },
        };

        var created = await harness.Client.CreateConversationAsync(harness.Connector.ServiceUrl, parameters, ct);

        Assert.Equal("19:a1b2@thread.tacv2;messageid=1718123460000", created.Id);
        Assert.Equal("1718123460000", created.ActivityId);
        var body = Assert.Single(harness.Connector.Requests).BodyJson();
        Assert.Equal(true, (bool?)body["isGroup"]);
        Assert.Equal("19:a1b2@thread.tacv2", (string?)body["channelData"]!["channel"]!["id"]);
        Assert.Equal(ContentTypes.AdaptiveCard, (string?)body["activity"]!["attachments"]![0]!["contentType"]);
        Assert.False(body.ContainsKey("members"));
    }

    [Fact]
    public async Task Send_TokenProvided_SendsBearerHeader()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(new() { Token = "eyJ.test.token" }, ct);
        harness.Connector.On(HttpMethod.Post, $"/v3/conversations/{EscapedPersonalId}/activities").Respond(LoopbackResponse.Json(201, """{"id":"1"}"""));

        await harness.Client.SendToConversationAsync(harness.Connector.ServiceUrl, PersonalId, ConnectorOperations.Message, ct);

        Assert.Equal("Bearer eyJ.test.token", Assert.Single(harness.Connector.Requests).Header("Authorization"));
        Assert.Equal(1, harness.Tokens.Calls);
    }

    [Fact]
    public async Task Send_ProviderReturnsNull_SendsNoAuthorizationHeader()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(new() { Token = null }, ct);
        harness.Connector.On(HttpMethod.Post, $"/v3/conversations/{EscapedPersonalId}/activities").Respond(LoopbackResponse.Json(201, """{"id":"1"}"""));

        await harness.Client.SendToConversationAsync(harness.Connector.ServiceUrl, PersonalId, ConnectorOperations.Message, ct);

        Assert.Null(Assert.Single(harness.Connector.Requests).Header("Authorization"));
    }

    [Theory]
    [MemberData(nameof(AllOperations))]
    public async Task Operation_HostNotAllowed_RefusedBeforeAnyRequestOrToken(ConnectorOperation operation)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);

        foreach (var serviceUrl in new[] { "http://127.0.0.2:9/", "https://smba.trafficmanager.net.invalid/teams/", "http://bot.example.invalid/", "" })
        {
            var ex = await Assert.ThrowsAsync<ConnectorException>(
                () => ConnectorOperations.InvokeAsync(harness.Client, operation, serviceUrl, PersonalId, ct));
            Assert.Equal(ConnectorFailureKind.HostNotAllowed, ex.Kind);
            Assert.Null(ex.StatusCode);
        }

        Assert.Empty(harness.Connector.Requests);
        Assert.Equal(0, harness.Tokens.Calls);
    }

    [Fact]
    public async Task Send_LoopbackWithoutAllowLoopback_RefusedBeforeAnyRequestOrToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(new() { Settings = new Dictionary<string, string?> { ["Connector:AllowLoopback"] = "false" } }, ct);

        var ex = await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(harness.Connector.ServiceUrl, PersonalId, ConnectorOperations.Message, ct));

        Assert.Equal(ConnectorFailureKind.HostNotAllowed, ex.Kind);
        Assert.Empty(harness.Connector.Requests);
        Assert.Equal(0, harness.Tokens.Calls);
    }

    [Fact]
    public async Task GetMember_404_ReturnsNull()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Get, "/" + ConnectorOperations.PathOf(ConnectorOperation.GetMember, EscapedPersonalId))
            .Respond(LoopbackResponse.Error(404, "MemberNotFoundInConversation", "The member was not found."));

        var member = await harness.Client.GetMemberAsync(harness.Connector.ServiceUrl, PersonalId, ConnectorOperations.MemberId, ct);

        Assert.Null(member);
    }

    [Fact]
    public async Task GetMember_Found_ReadsTypedAndUnknownFields()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Get, "/" + ConnectorOperations.PathOf(ConnectorOperation.GetMember, EscapedPersonalId)).Respond(LoopbackResponse.Json(
            200, """{"id":"29:1pRacTiTiOnEr","name":"Dana","aadObjectId":"oid-1","userPrincipalName":"dana@contoso.example","userRole":"user"}"""));

        var member = await harness.Client.GetMemberAsync(harness.Connector.ServiceUrl, PersonalId, ConnectorOperations.MemberId, ct);

        Assert.NotNull(member);
        Assert.Equal("oid-1", member.EntraObjectId);
        Assert.Equal("dana@contoso.example", member.UserPrincipalName);
        Assert.Equal("user", member.Extra!["userRole"].GetString());
    }

    [Fact]
    public async Task GetMembers_Roster_ReadsEveryMember()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Get, $"/v3/conversations/{EscapedPersonalId}/members").Respond(LoopbackResponse.Json(
            200, """[{"id":"29:a","aadObjectId":"oid-a"},null,{"id":"29:b","objectId":"oid-b"}]"""));

        var members = await harness.Client.GetMembersAsync(harness.Connector.ServiceUrl, PersonalId, ct);

        Assert.Equal(["oid-a", "oid-b"], members.Select(member => member.EntraObjectId));
    }

    [Theory]
    [InlineData(202, null)]
    [InlineData(201, "")]
    [InlineData(200, "  ")]
    [InlineData(200, "null")]
    [InlineData(200, "<html>ok</html>")]
    [InlineData(200, "{}")]
    public async Task Send_2xxWithoutReadableId_ReturnsNullIdNotAnException(int status, string? body)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Post, $"/v3/conversations/{EscapedPersonalId}/activities")
            .Respond(new LoopbackResponse { Status = status, Body = body, ContentType = "text/plain" });

        var result = await harness.Client.SendToConversationAsync(harness.Connector.ServiceUrl, PersonalId, ConnectorOperations.Message, ct);

        Assert.Null(result.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("<html>ok</html>")]
    [InlineData("{\"id\":\"29:a\"}")]
    public async Task GetMembers_2xxWithoutAList_InvalidResponse(string? body)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await ConnectorHarness.StartAsync(ct);
        harness.Connector.On(HttpMethod.Get, $"/v3/conversations/{EscapedPersonalId}/members").Respond(new LoopbackResponse { Status = 200, Body = body });

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => harness.Client.GetMembersAsync(harness.Connector.ServiceUrl, PersonalId, ct));

        Assert.Equal(ConnectorFailureKind.InvalidResponse, ex.Kind);
    }

    [Fact]
    public async Task Send_Response_LogsMsCvAtDebugAndNeverTheToken()
    {
        var ct = TestContext.Current.CancellationToken;
        const string Token = "eyJ.secret-token-value.sig";
        await using var harness = await ConnectorHarness.StartAsync(new() { Token = Token }, ct);
        harness.Connector.On(HttpMethod.Post, $"/v3/conversations/{EscapedPersonalId}/activities").Respond(
            LoopbackResponse.Json(201, """{"id":"1"}""").WithHeader("MS-CV", "cv.ok.1"),
            LoopbackResponse.Error(403, "BotNotInConversationRoster").WithHeader("MS-CV", "cv.fail.2"));

        await harness.Client.SendToConversationAsync(harness.Connector.ServiceUrl, PersonalId, ConnectorOperations.Message, ct);
        await Assert.ThrowsAsync<ConnectorException>(
            () => harness.Client.SendToConversationAsync(harness.Connector.ServiceUrl, PersonalId, ConnectorOperations.Message, ct));

        var logs = harness.Logs.Entries;
        Assert.Contains(logs, entry => entry.EventId == 3100 && entry.Level == LogLevel.Debug && entry.Message.Contains("cv.ok.1", StringComparison.Ordinal));
        Assert.Contains(logs, entry => entry.EventId == 3102 && entry.Level == LogLevel.Warning && entry.Message.Contains("cv.fail.2", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, entry => entry.Message.Contains("secret-token-value", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, entry => entry.Message.Contains("REQ-42", StringComparison.Ordinal));
    }
}
