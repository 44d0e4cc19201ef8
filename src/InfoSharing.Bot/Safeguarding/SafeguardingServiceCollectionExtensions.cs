using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Connector;
using Microsoft.Extensions.DependencyInjection.Extensions;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Safeguarding;

public static class SafeguardingServiceCollectionExtensions
{
    /// <summary>
    /// The safeguarding paths: emergency records, anonymised advice, the outcome after approval, and the durable
    /// reminders and escalations. Replaces the outbox dispatcher with one that also sends the review and advice cards.
    /// </summary>
    public static IServiceCollection AddSafeguarding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SafeguardingOptions>()
            .Bind(configuration.GetSection(SafeguardingOptions.SectionName))
            .Validate(o => o.Reminders.PollInterval > TimeSpan.Zero && o.Reminders.Lease > TimeSpan.Zero && o.Reminders.BatchSize > 0,
                "Safeguarding:Reminders:PollInterval, Lease and BatchSize must be positive.")
            .Validate(o => o.Reminders.EmergencyRecordReminderInterval > TimeSpan.Zero && o.Reminders.OutcomeReminderInterval > TimeSpan.Zero,
                "Safeguarding:Reminders:EmergencyRecordReminderInterval and OutcomeReminderInterval must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.EmergencyReferencePrefix) && !string.IsNullOrWhiteSpace(o.AdviceReferencePrefix),
                "Safeguarding:EmergencyReferencePrefix and AdviceReferencePrefix are required.")
            .ValidateOnStart();
        services.AddScoped<SafeguardingRecords>();
        services.AddScoped<ScheduledJobs>();
        services.AddScoped<SafeguardingEffects>();
        services.AddScoped<PractitionerSafeguarding>();
        services.AddScoped<SafeguardingApprovals>();
        services.AddScoped<DecisionFollowUp>();
        services.AddScoped<ApprovalDelivery>();
        services.Replace(ServiceDescriptor.Scoped<IOutboxDispatcher, SafeguardingDelivery>());
        services.AddSingleton<ReminderSignal>();
        services.AddSingleton<ReminderScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderScheduler>());
        return services;
    }
}
