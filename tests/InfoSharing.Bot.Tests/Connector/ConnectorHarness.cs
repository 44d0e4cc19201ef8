using InfoSharing.Bot.Auth;
using InfoSharing.Bot.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Connector;

/// <summary>
/// A <see cref="ConnectorClient"/> wired exactly as <see cref="ConnectorServiceCollectionExtensions.AddConnector"/> does, with
/// loopback allowed, a <see cref="RecordingTimeProvider"/>, a <see cref="CountingTokenProvider"/> and a fresh
/// <see cref="LoopbackConnector"/>.
/// </summary>
public sealed class ConnectorHarness : IAsyncDisposable
{
    /// <summary>Longer than any retry delay (≤ 10 s), so waits for a retry delay can tell the two timers apart.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider provider;

    private ConnectorHarness(
        LoopbackConnector connector, RecordingTimeProvider time, CountingTokenProvider tokens, CapturingLoggerProvider logs, ServiceProvider provider)
    {
        Connector = connector;
        Logs = logs;
        Time = time;
        Tokens = tokens;
        this.provider = provider;
        Client = provider.GetRequiredService<ConnectorClient>();
    }

    public LoopbackConnector Connector { get; }

    public RecordingTimeProvider Time { get; }

    public CountingTokenProvider Tokens { get; }

    public ConnectorClient Client { get; }

    /// <summary>Every log entry, Trace and up.</summary>
    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => provider;

    public static Task<ConnectorHarness> StartAsync(CancellationToken cancellationToken) => StartAsync(new ConnectorHarnessSetup(), cancellationToken);

    public static async Task<ConnectorHarness> StartAsync(ConnectorHarnessSetup setup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var connector = await LoopbackConnector.StartAsync(cancellationToken);
        try
        {
            var time = new RecordingTimeProvider();
            var tokens = new CountingTokenProvider(setup.Token);
            var values = new Dictionary<string, string?>
            {
                ["Connector:AllowLoopback"] = "true",
                ["Connector:AttemptTimeout"] = AttemptTimeout.ToString(),
            };
            foreach (var (key, value) in setup.Settings)
            {
                values[key] = value;
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
            var services = new ServiceCollection();
            var logs = new CapturingLoggerProvider();
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<IConnectorTokenProvider>(tokens);
            setup.BeforeAddConnector?.Invoke(services);
            services.AddConnector(configuration);
            setup.AfterAddConnector?.Invoke(services);
            var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
            return new ConnectorHarness(connector, time, tokens, logs, provider);
        }
        catch
        {
            await connector.DisposeAsync();
            throw;
        }
    }

    /// <summary>Lets each retry delay of <paramref name="call"/> elapse on the fake clock until it completes; returns the delays.</summary>
    public async Task<IReadOnlyList<TimeSpan>> AdvanceThroughRetriesAsync(Task call, CancellationToken cancellationToken)
    {
        var delays = new List<TimeSpan>();
        while (await Time.WaitForTimerAsync(static due => due < AttemptTimeout, call, cancellationToken) is { } delay)
        {
            delays.Add(delay);
            Time.Advance(delay);
        }

        return delays;
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
