namespace InfoSharing.Bot.Tests.Records;

/// <summary>One loopback <see cref="EntraIssuer"/> for a test class (xunit class fixture), started before its first test
/// and stopped after its last.</summary>
public sealed class EntraIssuerFixture : IAsyncLifetime
{
    private EntraIssuer? _issuer;

    public EntraIssuer Issuer => _issuer ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync() => _issuer = await EntraIssuer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }
}
