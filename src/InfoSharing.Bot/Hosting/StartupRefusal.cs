using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Storage;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Hosting;

/// <summary>
/// A start-up failure the operator can fix, as plain lines naming the setting or file and what to do, and its exit code
/// (2 configuration, 3 policy file, 4 database). Anything else is not a refusal and keeps its stack trace.
/// </summary>
public sealed record StartupRefusal(string Subject, string Reason, int ExitCode)
{
    /// <summary>What the operator reads on standard error.</summary>
    public string Text => "Start-up refused: " + Reason;

    public const int ConfigurationExitCode = 2;
    public const int PolicyExitCode = 3;
    public const int DatabaseExitCode = 4;

    public static StartupRefusal? From(Exception exception)
    {
        switch (exception)
        {
            case OptionsValidationException options:
                var failures = options.Failures.Any() ? options.Failures : [options.Message];
                return new StartupRefusal(
                    "configuration",
                    "the configuration is not valid." + Environment.NewLine +
                    string.Join(Environment.NewLine, failures.Select(f => "- " + f)) + Environment.NewLine +
                    "Set it in appsettings.json or as an environment variable (Section__Key, e.g. MicrosoftAppId or Storage__Provider) and start again.",
                    ConfigurationExitCode);
            case InvalidOperationException when exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                return new StartupRefusal(
                    "configuration",
                    exception.Message + (exception.InnerException is { } inner ? " (" + inner.Message + ")" : "") + Environment.NewLine +
                    "Correct the value in appsettings.json or the environment variable and start again.",
                    ConfigurationExitCode);
            case PolicyValidationException policy:
                return new StartupRefusal(
                    "policy",
                    policy.Message + Environment.NewLine +
                    "Correct the policy file (or point Policy:Path at a valid one) and start again.",
                    PolicyExitCode);
            case PolicyPlaceholderException placeholder:
                return new StartupRefusal("policy", placeholder.Message, PolicyExitCode);
            case DatabaseStartupException database:
                return new StartupRefusal("database", database.Message, DatabaseExitCode);
            case AggregateException { InnerExceptions.Count: 1 } aggregate:
                return From(aggregate.InnerExceptions[0]);
            default:
                return null;
        }
    }
}
