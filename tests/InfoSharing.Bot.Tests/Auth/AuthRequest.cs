using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

/// <summary>
/// One inbound request as the authenticator sees it, and the app id the host is configured with
/// (null = no MicrosoftAppId: authentication off, Development only).
/// </summary>
public sealed record AuthRequest
{
    public string? AuthorizationHeader { get; init; }

    public string? ChannelId { get; init; } = "msteams";

    public string? ServiceUrl { get; init; } = TestTokenIssuer.ServiceUrl;

    public string? ConfiguredAppId { get; init; } = TestTokenIssuer.AppId;
}
