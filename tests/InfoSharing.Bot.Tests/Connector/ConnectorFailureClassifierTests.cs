using System.Net;
using System.Text;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

public sealed class ConnectorFailureClassifierTests
{
    [Theory]
    [InlineData(429, null, null, ConnectorFailureKind.Throttled)]
    [InlineData(401, "BotNotRegistered", null, ConnectorFailureKind.Unauthorized)]
    [InlineData(403, "BotNotInConversationRoster", null, ConnectorFailureKind.NotInRoster)]
    [InlineData(403, "botnotinconversationroster", null, ConnectorFailureKind.NotInRoster)]
    [InlineData(403, "MessageWritesBlocked", null, ConnectorFailureKind.Blocked)]
    [InlineData(403, "Forbidden", "MessageWritesBlocked", ConnectorFailureKind.Blocked)]
    [InlineData(403, "ConversationBlockedByUser", null, ConnectorFailureKind.Blocked)]
    [InlineData(403, "BotDisabledByAdmin", null, ConnectorFailureKind.Blocked)]
    [InlineData(403, "NotEnoughPermissions", null, ConnectorFailureKind.Forbidden)]
    [InlineData(403, null, null, ConnectorFailureKind.Forbidden)]
    [InlineData(404, "ConversationNotFound", null, ConnectorFailureKind.NotFound)]
    [InlineData(400, "BadSyntax", null, ConnectorFailureKind.BadRequest)]
    [InlineData(413, "MessageSizeTooBig", null, ConnectorFailureKind.BadRequest)]
    [InlineData(409, null, null, ConnectorFailureKind.BadRequest)]
    [InlineData(408, null, null, ConnectorFailureKind.Transient)]
    [InlineData(412, "PreconditionFailed", null, ConnectorFailureKind.Transient)]
    [InlineData(500, "ServiceError", null, ConnectorFailureKind.Transient)]
    [InlineData(502, null, null, ConnectorFailureKind.Transient)]
    [InlineData(503, null, null, ConnectorFailureKind.Transient)]
    [InlineData(504, null, null, ConnectorFailureKind.Transient)]
    [InlineData(302, null, null, ConnectorFailureKind.InvalidResponse)]
    public void Classify_StatusAndCode_MatchesTable(int status, string? code, string? subCode, ConnectorFailureKind expected)
    {
        Assert.Equal(expected, ConnectorFailureClassifier.Classify((HttpStatusCode)status, code, subCode));
    }

    [Theory]
    [InlineData("""{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}""", "BotNotInConversationRoster", "The bot is not part of the conversation roster.", null)]
    [InlineData("""{"error":{"code":"Forbidden","message":"m","subCode":"MessageWritesBlocked"}}""", "Forbidden", "m", "MessageWritesBlocked")]
    [InlineData("""{"error":{"code":"Forbidden"},"subCode":"MessageWritesBlocked"}""", "Forbidden", null, "MessageWritesBlocked")]
    [InlineData("""{"Error":{"Code":"ServiceError"}}""", "ServiceError", null, null)]
    [InlineData("""{"error":{"code":42,"message":["x"]}}""", null, null, null)]
    [InlineData("""{"error":"plain"}""", null, null, null)]
    [InlineData("""[1,2]""", null, null, null)]
    [InlineData("<html>Bad gateway</html>", null, null, null)]
    [InlineData("", null, null, null)]
    public void Parse_ErrorBody_ReadsCodeMessageAndSubCode(string body, string? code, string? message, string? subCode)
    {
        var parsed = ConnectorErrorParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal(code, parsed.Code);
        Assert.Equal(message, parsed.Message);
        Assert.Equal(subCode, parsed.SubCode);
    }
}
