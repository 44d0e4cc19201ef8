using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Hosting;

/// <summary>
/// The process: a content root that does not depend on the working directory, the bot's composition, and start-up
/// refusals as a few plain lines (the setting or file, and what to do), one critical log entry and exit code 1.
/// <c>--verbose</c> adds the stack trace; <c>--check-config</c> validates everything and exits without serving.
/// </summary>
public static partial class BotHost
{
    public const string VerboseFlag = "--verbose";
    public const string CheckConfigFlag = "--check-config";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verbose = args.Contains(VerboseFlag, StringComparer.Ordinal);
        var checkOnly = args.Contains(CheckConfigFlag, StringComparer.Ordinal);
        var hostArgs = args.Where(a => a is not VerboseFlag and not CheckConfigFlag).ToArray();
        WebApplication? app = null;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = hostArgs,
                ContentRootPath = ExplicitContentRoot(hostArgs) is null ? AppContext.BaseDirectory : null,
            });
            builder.AddInfoSharingBot();
            app = builder.Build();
            verbose |= app.Logger.IsEnabled(LogLevel.Debug);
            ValidateOptions(app.Services);
            app.MapInfoSharingBot();
            if (checkOnly)
            {
                await Console.Out.WriteLineAsync("Configuration, policy and database are valid.");
                return 0;
            }

            await app.RunAsync();
            return 0;
        }
        catch (Exception exception) when (IsOwnProcess && StartupRefusal.From(exception) is { } refusal)
        {
            await Console.Error.WriteLineAsync(refusal.Text);
            if (verbose)
            {
                await Console.Error.WriteLineAsync(exception.ToString());
            }

            // Refused before the host was built: a console logger of its own, so the critical entry is still written.
            using var fallback = app is null ? LoggerFactory.Create(b => b.AddConsole()) : null;
            var logger = (app?.Services.GetService<ILoggerFactory>() ?? fallback!).CreateLogger(typeof(BotHost).FullName!);
            Log.Refused(logger, refusal.Subject, refusal.Reason, verbose ? exception : null);

            return refusal.ExitCode;
        }
        finally
        {
            // a test host (WebApplicationFactory) owns the app it intercepted and disposes it itself
            if (app is not null && IsOwnProcess)
            {
                await app.DisposeAsync(); // flushes the console logger
            }
        }
    }

    /// <summary>
    /// Whether this is the bot's own process; a test host (WebApplicationFactory) calling the entry point gets the
    /// exception itself, as before.
    /// </summary>
    private static bool IsOwnProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(BotHost).Assembly;

    /// <summary>The content root named on the command line or in the environment, if any (tests and containers may set it).</summary>
    private static string? ExplicitContentRoot(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--contentRoot=", StringComparison.OrdinalIgnoreCase))
            {
                return arg["--contentRoot=".Length..];
            }

            if (string.Equals(arg, "--contentRoot", StringComparison.OrdinalIgnoreCase) && i + 1 < args.Length)
            {
                return args[i + 1];
            }
        }

        return Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") ?? Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT");
    }

    /// <summary>Runs the <c>ValidateOnStart</c> checks now, so a refusal comes before the host starts (and logs its own trace).</summary>
    private static void ValidateOptions(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    private static partial class Log
    {
        [LoggerMessage(EventId = 1900, Level = LogLevel.Critical, Message = "Start-up refused ({Subject}): {Refusal}")]
        public static partial void Refused(ILogger logger, string subject, string refusal, Exception? exception);
    }
}
