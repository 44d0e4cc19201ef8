namespace InfoSharing.Bot.Policy;

public static class PolicyServiceCollectionExtensions
{
    /// <summary>
    /// Loads the DPO's policy file (<c>Policy:Path</c>, default <c>Policy/policy.json</c> beside the app) and fails
    /// start-up listing every problem when it is invalid. Edited without a rebuild; read again on restart.
    /// </summary>
    public static IServiceCollection AddBotPolicy(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Policy:Path"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? PolicyLoader.DefaultPath
            : Path.IsPathRooted(configured) ? configured : Path.Combine(environment.ContentRootPath, configured);
        services.AddSingleton(new PolicyFileLocation(path));
        services.AddSingleton(_ => PolicyLoader.Load(path));
        return services;
    }
}
