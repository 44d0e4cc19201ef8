using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Protocol;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// Who may decide, decided on the server: configured Entra object ids (approvers, DPO, Prevent lead) and,
/// when enabled, members of the approvers' team checked through the roster API.
/// </summary>
public sealed partial class ApproverDirectory(
    IOptionsMonitor<ApprovalOptions> options,
    ApproverChannelStore channels,
    ConnectorClient connector,
    ILogger<ApproverDirectory> logger)
{
    /// <summary>The actor with the approver kinds the server grants them (<paramref name="serviceUrl"/>: where a roster can be read, if any).</summary>
    public async Task<Actor> ResolveAsync(Actor actor, string? serviceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor with { Kinds = await KindsOfAsync(actor.ObjectId, actor.ChannelUserId, serviceUrl, cancellationToken) };
    }

    public Task<ApproverKind> KindsOfAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return KindsOfAsync(activity.From?.AadObjectId, activity.From?.Id, activity.ServiceUrl, cancellationToken);
    }

    private async Task<ApproverKind> KindsOfAsync(string? objectId, string? channelUserId, string? serviceUrl, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var ids = new[] { objectId, channelUserId }.OfType<string>().ToArray();
        bool In(IList<string> list) => ids.Any(id => list.Contains(id, StringComparer.OrdinalIgnoreCase));

        var kinds = ApproverKind.None;
        if (In(o.ApproverAadObjectIds) || In(o.DeputyAadObjectIds))
        {
            kinds |= ApproverKind.Approver;
        }

        if (In(o.DpoAadObjectIds))
        {
            kinds |= ApproverKind.Dpo | ApproverKind.Approver;
        }

        if (In(o.PreventLeadAadObjectIds))
        {
            kinds |= ApproverKind.PreventLead | ApproverKind.Approver;
        }

        if (kinds == ApproverKind.None && o.UseTeamRoster && channelUserId is { } userId && serviceUrl is not null)
        {
            var channel = await channels.GetAsync(cancellationToken);
            var roster = channel?.TeamId ?? channel?.ConversationId;
            if (roster is not null)
            {
                try
                {
                    if (await connector.GetMemberAsync(serviceUrl, roster, userId, cancellationToken) is not null)
                    {
                        kinds |= ApproverKind.Approver;
                    }
                }
                catch (ConnectorException ex)
                {
                    // A roster that cannot be read grants nothing.
                    Log.RosterUnavailable(logger, ex.Kind.ToString());
                }
            }
        }

        return kinds;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Approvers' roster could not be read ({Kind}); no roster-based approval granted")]
        public static partial void RosterUnavailable(ILogger logger, string kind);
    }
}
