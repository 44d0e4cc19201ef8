using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace InfoSharing.Bot.Storage;

/// <summary>Readiness of the database, named for the operator (the provider and the file or host, never credentials).</summary>
public sealed class DatabaseHealthCheck(BotDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var which = DatabaseInitializer.Describe(db);
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{which} answers")
                : HealthCheckResult.Unhealthy($"{which} cannot be reached: turns answer 503 until it is back");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{which} cannot be reached ({ex.GetType().Name}): turns answer 503 until it is back");
        }
    }
}
