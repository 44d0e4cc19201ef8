using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Records.Access;
using InfoSharing.Bot.Records.Export;
using InfoSharing.Bot.Records.Retention;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Records;

public static class RecordsServiceCollectionExtensions
{
    /// <summary>
    /// The Records capability: options (<c>Records</c>, validated at start-up), retention, the audit trail's
    /// verification, the export and its own Entra ID bearer scheme and role policies.
    /// </summary>
    public static WebApplicationBuilder AddRecords(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RecordsOptions>().Bind(builder.Configuration.GetSection(RecordsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RecordsOptions>, RecordsOptionsValidator>();

        services.AddSingleton<RecordRetention>();
        services.AddSingleton<IRetentionSchedule>(sp => sp.GetRequiredService<RecordRetention>());
        services.AddScoped<AuditVerification>();
        services.AddScoped<DraftExpiry>();
        services.AddScoped<RecordQuery>();
        services.AddScoped<RecordsAuditTrail>();
        services.AddScoped<RetentionService>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, RecordsJsonContext.Default));

        // The records API's own scheme; it reads tokens only on /records (never the Bot Framework tokens of /api/messages).
        services.AddHttpClient(RecordsAuthentication.MetadataHttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddAuthentication().AddJwtBearer(RecordsAuthentication.Scheme, _ => { });
        services.AddOptions<JwtBearerOptions>(RecordsAuthentication.Scheme)
            .Configure<IOptions<RecordsOptions>, IHttpClientFactory>(RecordsAuthentication.Configure);
        services.AddAuthorizationBuilder()
            .AddPolicy(RecordsAuthentication.ReadPolicy, p => p.AddAuthenticationSchemes(RecordsAuthentication.Scheme).AddRequirements(new RecordsAccessRequirement(RecordsRole.Read)))
            .AddPolicy(RecordsAuthentication.ManagePolicy, p => p.AddAuthenticationSchemes(RecordsAuthentication.Scheme).AddRequirements(new RecordsAccessRequirement(RecordsRole.Manage)));
        services.AddSingleton<IAuthorizationHandler, RecordsAccessHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RecordsAuthorizationResultHandler>();
        return builder;
    }
}
