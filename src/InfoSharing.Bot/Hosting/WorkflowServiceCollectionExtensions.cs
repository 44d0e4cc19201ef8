using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Connector;
using Microsoft.Extensions.DependencyInjection.Extensions;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Hosting;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// The decision workflow's shell for every record kind (requests, emergency records, advice consultations,
    /// outcome records): who may decide, the one approval service, the record readers, the notices, and the durable
    /// reminders and escalations (the second consumer of a leased queue, beside the outbox).
    /// </summary>
    public static IServiceCollection AddDecisionWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApprovalOptions>().Bind(configuration.GetSection(ApprovalOptions.SectionName)).ValidateOnStart();
        services.AddOptions<SafeguardingOptions>()
            .Bind(configuration.GetSection(SafeguardingOptions.SectionName))
            .Validate(o => o.Reminders.PollInterval > TimeSpan.Zero && o.Reminders.Lease > TimeSpan.Zero && o.Reminders.BatchSize > 0,
                "Safeguarding:Reminders:PollInterval, Lease and BatchSize must be positive.")
            .Validate(o => o.Reminders.EmergencyRecordReminderInterval > TimeSpan.Zero && o.Reminders.OutcomeReminderInterval > TimeSpan.Zero,
                "Safeguarding:Reminders:EmergencyRecordReminderInterval and OutcomeReminderInterval must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.EmergencyReferencePrefix) && !string.IsNullOrWhiteSpace(o.AdviceReferencePrefix) && !string.IsNullOrWhiteSpace(o.NotSharedReferencePrefix),
                "Safeguarding:EmergencyReferencePrefix, AdviceReferencePrefix and NotSharedReferencePrefix are required.")
            .ValidateOnStart();
        services.AddScoped<ApproverChannelStore>();
        services.AddScoped<ApproverDirectory>();
        services.AddSingleton<TeamRoster>();
        services.AddScoped<ApprovalRecords>();
        services.AddScoped<SafeguardingRecords>();
        services.AddScoped<ApprovalService>();
        services.AddScoped<MoreInformationService>();
        services.AddScoped<DecisionNotices>();
        services.AddScoped<DecisionFollowUp>();
        services.AddScoped<ScheduledJobs>();
        services.AddScoped<DeciderReminders>();
        services.AddScoped<CoverService>();
        services.AddSingleton<ReminderSignal>();
        services.AddSingleton<ReminderScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderScheduler>());
        return services;
    }
}
