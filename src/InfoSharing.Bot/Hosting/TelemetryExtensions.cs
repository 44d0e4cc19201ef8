using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace InfoSharing.Bot.Hosting;

/// <summary>
/// OpenTelemetry traces (the bot's own spans, see <see cref="BotTelemetry"/>, under ASP.NET Core's and outbound HTTP's)
/// and metrics. Exported over OTLP only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured; otherwise nothing leaves the process.
/// </summary>
public static class TelemetryExtensions
{
    public static WebApplicationBuilder AddBotTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(otlp))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("InfoSharing.Bot"))
            .WithTracing(t => t.AddSource(BotTelemetry.SourceName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentationIfAvailable())
            .UseOtlpExporter();
        return builder;
    }

    private static MeterProviderBuilder AddRuntimeInstrumentationIfAvailable(this MeterProviderBuilder builder) =>
        builder.AddMeter("System.Runtime");
}
