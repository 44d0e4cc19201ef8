using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Auth;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Routing;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tabs;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Protocol;

namespace InfoSharing.Bot.Hosting;

/// <summary>The composition root: what the host is made of, in the order a turn uses it.</summary>
public static class BotHostingExtensions
{
    public static WebApplicationBuilder AddInfoSharingBot(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        if (!DevelopmentClock.TryRegister(services, configuration, builder.Environment))
        {
            services.AddSingleton(TimeProvider.System);
        }

        CrashHook.TryRegister(configuration, builder.Environment); // Development only: Diagnostics:CrashAt, for the crash tests

        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddProblemDetails();

        // the DPO's policy: lists, rules and texts (validated at start-up)
        services.AddBotPolicy(configuration, builder.Environment);
        services.AddScoped<DialogTurnHandler>();

        // token checks (inbound) and token acquisition (outbound)
        services.AddBotAuthentication(configuration);

        // storage
        services.AddBotStorage(configuration, builder.Environment);
        services.AddScoped<ConversationReferenceStore>();
        services.AddScoped<ActivityDeduplicator>();
        services.AddScoped<DialogStateStore>();
        services.AddScoped<UnitOfWork>();
        services.AddScoped<AuditLog>();
        services.AddScoped<RequestReferences>();

        // the turn
        services.AddScoped<TurnProcessor>();
        services.AddScoped<TurnRouter>();
        services.AddScoped<TurnReplies>();
        services.AddScoped<ConversationEventsHandler>();
        services.AddScoped<PractitionerHandler>();
        services.AddScoped<ChannelCommandHandler>();
        services.AddScoped<ApproverRegistration>();
        services.AddScoped<ApprovalCardRepost>();
        services.AddScoped<ApproverCommands>();
        services.AddScoped<PractitionerSafeguarding>();
        services.AddScoped<SafeguardingEffects>();
        services.AddScoped<RecordsSummary>();

        // the decision workflow for every record kind, and its reminders
        services.AddDecisionWorkflow(configuration);

        // outbound: one typed connector client, and the outbox of sends that must not be lost
        services.AddConnector(configuration);
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName));
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<Outbox>();
        services.AddScoped<IOutboxDispatcher, RecordDelivery>();
        services.AddSingleton<OutboxProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxProcessor>());
        services.AddHostedService<MaintenanceService>();

        builder.AddRecords();
        builder.AddTabs();

        services.AddReadinessChecks(configuration);
        builder.AddBotTelemetry();
        return builder;
    }

    public static WebApplication MapInfoSharingBot(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<PolicyDocument>(); // an invalid policy file stops start-up here, naming every problem
        app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();

        app.MapMessagesEndpoint();
        DevelopmentClock.MapEndpoint(app); // Development only, when Safeguarding:DevelopmentClock is on
        app.MapReadiness();
        app.MapRecords();
        app.MapTabs();
        return app;
    }
}
