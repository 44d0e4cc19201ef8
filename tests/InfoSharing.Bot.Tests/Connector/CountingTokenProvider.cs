using InfoSharing.Bot.Auth;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

/// <summary>Returns a fixed token (or null, as with no app id) and counts how often it was asked.</summary>
public sealed class CountingTokenProvider(string? token) : IConnectorTokenProvider
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return ValueTask.FromResult(token);
    }
}
