using InfoSharing.Bot.Auth;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

/// <summary>
/// A named inbound-auth scenario. <see cref="Build"/> mints its request against a running <see cref="TestTokenIssuer"/>
/// (tokens are relative to the issuer's clock). Refused cases carry the <see cref="BotAuthFailureReasons"/> value the
/// authenticator must give; accepted cases carry the path that must accept them.
/// </summary>
public sealed record AuthCase
{
    public required string Name { get; init; }

    public required Func<TestTokenIssuer, AuthRequest> Build { get; init; }

    /// <summary>Null for a case that must be accepted.</summary>
    public string? ExpectedFailure { get; init; }

    /// <summary>For an accepted case: the path that accepts it (<see cref="BotTokenKind.None"/> = anonymous).</summary>
    public BotTokenKind ExpectedKind { get; init; }

    public bool ShouldSucceed => ExpectedFailure is null;

    public override string ToString() => Name;
}
