using Microsoft.Extensions.DependencyInjection;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

/// <summary>How <see cref="ConnectorHarness.StartAsync(ConnectorHarnessSetup, CancellationToken)"/> wires the client.</summary>
public sealed record ConnectorHarnessSetup
{
    /// <summary>What the token provider returns; null behaves like "no app id" (no Authorization header).</summary>
    public string? Token { get; init; } = "test-token";

    /// <summary>Configuration overriding the harness defaults (<c>Connector:AllowLoopback=true</c>, <c>Connector:AttemptTimeout=00:00:30</c>).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public Action<IServiceCollection>? BeforeAddConnector { get; init; }

    public Action<IServiceCollection>? AfterAddConnector { get; init; }
}
