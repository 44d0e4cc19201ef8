using System.Security.Claims;

namespace InfoSharing.Bot.Auth;

/// <summary>The outcome of <see cref="IBotAuthenticator.AuthenticateAsync"/>. Refused ⇒ answer 401.</summary>
public sealed record BotAuthResult
{
    public static BotAuthResult Anonymous { get; } = new() { Succeeded = true, Kind = BotTokenKind.None };

    public required bool Succeeded { get; init; }

    /// <summary>Which path accepted the request (<see cref="BotTokenKind.None"/> when anonymous or refused).</summary>
    public BotTokenKind Kind { get; init; }

    /// <summary>True when accepted without a token because authentication is disabled.</summary>
    public bool IsAnonymous => Succeeded && Kind == BotTokenKind.None;

    /// <summary>One of <see cref="BotAuthFailureReasons"/> when refused; null when accepted.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The validated token's claims (raw claim names: aud, iss, serviceurl, appid, azp, ver …).</summary>
    public ClaimsIdentity? Identity { get; init; }

    /// <summary>The bot's app id the token was validated for; null when anonymous or refused.</summary>
    public string? AppId { get; init; }

    public static BotAuthResult Failed(string reason) => new() { Succeeded = false, FailureReason = reason };

    public static BotAuthResult Accepted(BotTokenKind kind, ClaimsIdentity identity, string appId) =>
        new() { Succeeded = true, Kind = kind, Identity = identity, AppId = appId };
}
