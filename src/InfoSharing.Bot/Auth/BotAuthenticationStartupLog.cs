using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Auth;

/// <summary>Says at start-up, loudly, when inbound authentication is off or keys are fetched over plain http (protocol.md §3.1).</summary>
internal sealed partial class BotAuthenticationStartupLog(
    IOptions<BotCredentialsOptions> options,
    ILogger<BotAuthenticationStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (value.IsAuthenticationDisabled)
        {
            Log.AuthenticationDisabled(logger);
        }
        else
        {
            Log.AuthenticationEnabled(logger, value.AppType);
        }

        if (!value.RequireHttpsMetadata)
        {
            Log.InsecureMetadata(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1130, Level = LogLevel.Warning, Message = "MicrosoftAppId is empty: inbound requests are accepted WITHOUT authentication and outbound calls carry no token. Development only; keep the host on loopback")]
        public static partial void AuthenticationDisabled(ILogger logger);

        [LoggerMessage(EventId = 1131, Level = LogLevel.Information, Message = "Bot authentication is on ({AppType})")]
        public static partial void AuthenticationEnabled(ILogger logger, BotAppType appType);

        [LoggerMessage(EventId = 1132, Level = LogLevel.Warning, Message = "BotAuthentication:RequireHttpsMetadata is false: signing keys may be fetched over plain http. Tests only")]
        public static partial void InsecureMetadata(ILogger logger);
    }
}
