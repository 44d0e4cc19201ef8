using InfoSharing.Bot.Approvals;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Storage;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Routing;

/// <summary>
/// Learns the approvers' channel from the team-install event or the `register approvers` command. Outside
/// Development only the configured channel (or a configured admin) may be registered; a refusal is audited.
/// </summary>
public sealed class ApproverRegistration(
    ApproverChannelStore channels,
    UnitOfWork unitOfWork,
    AuditLog audit,
    IOptionsMonitor<ApprovalOptions> options,
    IHostEnvironment environment,
    TimeProvider time)
{
    public async Task<RegistrationOutcome> TryRegisterAsync(TurnContext turn, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var data = ChannelDataReader.From(activity);
        var o = options.CurrentValue;
        var isFallback = source == ApproverChannelSources.DevelopmentFallback;
        var teamsChannelId = isFallback ? null : data.TeamsChannelId ?? BaseConversationId(activity.Conversation?.Id);
        var isAdmin = activity.From?.AadObjectId is { } aad && o.AdminAadObjectIds.Contains(aad, StringComparer.OrdinalIgnoreCase);
        var allowed = isFallback
            ? environment.IsDevelopment() && o.AllowDevelopmentFallback
            : isAdmin
              || (!string.IsNullOrEmpty(o.ApproverChannelId) && string.Equals(o.ApproverChannelId, teamsChannelId, StringComparison.Ordinal))
              || (string.IsNullOrEmpty(o.ApproverChannelId) && environment.IsDevelopment());

        if (!allowed)
        {
            await unitOfWork.ExecuteAsync(ct => audit.AppendAsync(turn.ActorId, "approvers-registration-refused", "approvers-channel", teamsChannelId ?? turn.ConversationKey,
                new JsonObject { ["source"] = source }, ct), cancellationToken);
            return RegistrationOutcome.Refused;
        }

        await unitOfWork.ExecuteAsync(async ct =>
        {
            await channels.SetAsync(new ApproverChannelRow
            {
                Key = ApproverChannelStore.Key,
                ChannelId = activity.ChannelId ?? string.Empty,
                ConversationId = isFallback ? activity.Conversation!.Id! : teamsChannelId!,
                ServiceUrl = activity.ServiceUrl!,
                TeamsChannelId = teamsChannelId,
                TeamId = data.TeamId,
                TenantId = activity.Conversation?.TenantId ?? data.TenantId,
                BotId = activity.Recipient?.Id,
                BotName = activity.Recipient?.Name,
                RegisteredBy = turn.ActorId,
                RegisteredAt = time.GetUtcNow().UtcDateTime,
                Source = source,
            }, ct);
            await audit.AppendAsync(turn.ActorId, "approvers-registered", "approvers-channel", teamsChannelId ?? turn.ConversationKey,
                new JsonObject { ["source"] = source, ["teamId"] = data.TeamId }, ct);
        }, cancellationToken);
        return RegistrationOutcome.Registered;
    }

    /// <summary>A channel thread's conversation id is <c>&lt;channel&gt;;messageid=&lt;root&gt;</c>; the channel is the part before ';'.</summary>
    public static string? BaseConversationId(string? conversationId) =>
        conversationId?.Split(';', 2)[0];
}

public enum RegistrationOutcome
{
    Registered,
    Refused,
}
