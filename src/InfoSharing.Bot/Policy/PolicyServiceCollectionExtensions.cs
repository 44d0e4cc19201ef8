namespace InfoSharing.Bot.Policy;

public static partial class PolicyServiceCollectionExtensions
{
    /// <summary>
    /// Loads the DPO's policy file (<c>Policy:Path</c>, default <c>Policy/policy.json</c> beside the app) and fails
    /// start-up listing every problem when it is invalid. Outside Development it also refuses to start while an
    /// emergency contact is empty or a placeholder (domain §5); Development starts with a warning per entry.
    /// Edited without a rebuild; read again on restart.
    /// </summary>
    public static IServiceCollection AddBotPolicy(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration["Policy:Path"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? PolicyLoader.DefaultPath
            : Path.IsPathRooted(configured) ? configured : Path.Combine(environment.ContentRootPath, configured);
        services.AddSingleton(new PolicyFileLocation(path));
        var development = environment.IsDevelopment();
        services.AddSingleton(sp =>
        {
            var policy = PolicyLoader.Load(path);
            var placeholders = EmergencyContactCheck.Placeholders(policy);
            if (placeholders.Count > 0)
            {
                if (!development)
                {
                    throw PolicyPlaceholderException.For(path, placeholders);
                }

                var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PolicyLoader).FullName!);
                foreach (var contact in placeholders)
                {
                    Log.PlaceholderContact(logger, contact.Title, path);
                }
            }

            return policy;
        });
        return services;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1950, Level = LogLevel.Warning,
            Message = "The emergency contact '{Contact}' in the policy file {Path} is empty or a placeholder: allowed in Development only, outside it the bot refuses to start")]
        public static partial void PlaceholderContact(ILogger logger, string contact, string path);
    }
}
