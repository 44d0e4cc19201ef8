using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Connector;

/// <summary>Start-up validation of <see cref="ConnectorOptions"/>; every message names the setting.</summary>
internal sealed class ConnectorOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        var failures = new List<string>();
        const string Section = ConnectorOptions.SectionName;

        foreach (var pattern in options.AllowedServiceUrlHosts)
        {
            if (!ServiceUrlPolicy.IsValidHostPattern(pattern))
            {
                failures.Add($"{Section}:AllowedServiceUrlHosts: '{pattern}' is not a host name or a '*.domain.tld' pattern.");
            }
        }

        if (options.AllowLoopback && environment is not null && environment.IsProduction())
        {
            failures.Add($"{Section}:AllowLoopback must be false in Production: it lets the bot's token go to local addresses.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{Section}:MaxRetries must be between 0 and 10 (was {options.MaxRetries}).");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:AttemptTimeout must be above 0 and at most 00:05:00 (was {options.AttemptTimeout}).");
        }

        if (options.InitialRetryDelay <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:InitialRetryDelay must be above 0 (was {options.InitialRetryDelay}).");
        }

        if (options.MaxRetryDelay < options.InitialRetryDelay || options.MaxRetryDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:MaxRetryDelay must be at least InitialRetryDelay and at most 00:01:00 (was {options.MaxRetryDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
