using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// Who may decide, decided on the server: configured Entra object ids (approvers, deputies, DPO and Prevent lead and
/// their deputies), when enabled members of the approvers' team checked through the roster API, and colleagues
/// covering for an away approver (they hold the away approver's kinds while the absence runs).
/// </summary>
public sealed partial class ApproverDirectory(
    IOptionsMonitor<ApprovalOptions> options,
    ApproverChannelStore channels,
    ConnectorClient connector,
    TeamRoster roster,
    BotDbContext db,
    TimeProvider time,
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
        var kinds = Configured(objectId, channelUserId);
        if (kinds == ApproverKind.None && o.UseTeamRoster && channelUserId is { } userId && serviceUrl is not null)
        {
            var channel = await channels.GetAsync(cancellationToken);
            var rosterId = channel?.TeamId ?? channel?.ConversationId;
            if (rosterId is not null)
            {
                try
                {
                    if (await connector.GetMemberAsync(serviceUrl, rosterId, userId, cancellationToken) is not null)
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

        // Cover: while an approver is away, the colleague they named may decide what they could.
        foreach (var cover in objectId is null ? [] : await ActiveCoversAsync(cancellationToken))
        {
            if (string.Equals(cover.CoverAadObjectId, objectId, StringComparison.OrdinalIgnoreCase))
            {
                kinds |= Configured(cover.ApproverAadObjectId) | ApproverKind.Approver;
            }
        }

        return kinds;
    }

    /// <summary>The kinds the configuration grants these ids (object id and/or Teams user id), roster and cover aside.</summary>
    public ApproverKind Configured(params string?[] ids)
    {
        var o = options.CurrentValue;
        var known = ids.OfType<string>().ToArray();
        bool In(IList<string> list) => known.Any(id => list.Contains(id, StringComparer.OrdinalIgnoreCase));

        var kinds = ApproverKind.None;
        if (In(o.ApproverAadObjectIds) || In(o.DeputyAadObjectIds))
        {
            kinds |= ApproverKind.Approver;
        }

        if (In(o.DpoAadObjectIds) || In(o.DpoDeputyAadObjectIds))
        {
            kinds |= ApproverKind.Dpo | ApproverKind.Approver;
        }

        if (In(o.PreventLeadAadObjectIds) || In(o.PreventLeadDeputyAadObjectIds))
        {
            kinds |= ApproverKind.PreventLead | ApproverKind.Approver;
        }

        return kinds;
    }

    /// <summary>The absences with cover running now.</summary>
    public async Task<IReadOnlyList<ApproverCoverRow>> ActiveCoversAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.ApproverCovers.AsNoTracking().Where(c => c.EndedAt == null && c.Until > now).OrderBy(c => c.SetAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Everyone who may be asked to decide, deputies first (escalations mention them first): the configured people,
    /// the team's members when the roster is on, and the covers of away approvers (who are marked away).
    /// </summary>
    public async Task<IReadOnlyList<Candidate>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var members = await MembersAsync(cancellationToken) ?? [];
        var covers = await ActiveCoversAsync(cancellationToken);
        var ids = o.DeputyAadObjectIds.Concat(o.DpoDeputyAadObjectIds).Concat(o.PreventLeadDeputyAadObjectIds)
            .Concat(o.DpoAadObjectIds).Concat(o.PreventLeadAadObjectIds).Concat(o.ApproverAadObjectIds)
            .Concat(o.UseTeamRoster ? members.Select(m => m.EntraObjectId).OfType<string>() : [])
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var candidates = new List<Candidate>();
        foreach (var id in ids)
        {
            var member = members.FirstOrDefault(m => string.Equals(m.EntraObjectId, id, StringComparison.OrdinalIgnoreCase));
            var away = covers.FirstOrDefault(c => string.Equals(c.ApproverAadObjectId, id, StringComparison.OrdinalIgnoreCase));
            candidates.Add(new Candidate(id, member?.Id, member?.Name ?? away?.ApproverName ?? "an approver not in the team", Configured(id) | (member is null ? ApproverKind.None : Roster(o)))
            {
                Away = away is not null,
            });
        }

        foreach (var cover in covers)
        {
            var awayKinds = candidates.FirstOrDefault(c => string.Equals(c.ObjectId, cover.ApproverAadObjectId, StringComparison.OrdinalIgnoreCase))?.Kinds ?? ApproverKind.Approver;
            var index = candidates.FindIndex(c => string.Equals(c.ObjectId, cover.CoverAadObjectId, StringComparison.OrdinalIgnoreCase));
            var member = members.FirstOrDefault(m => string.Equals(m.EntraObjectId, cover.CoverAadObjectId, StringComparison.OrdinalIgnoreCase));
            var covering = index >= 0
                ? candidates[index] with { Kinds = candidates[index].Kinds | awayKinds, CoversFor = candidates[index].CoversFor ?? cover.ApproverAadObjectId }
                : new Candidate(cover.CoverAadObjectId, cover.CoverUserId ?? member?.Id, cover.CoverName, awayKinds | ApproverKind.Approver) { CoversFor = cover.ApproverAadObjectId };
            if (index >= 0)
            {
                candidates[index] = covering;
            }
            else
            {
                candidates.Insert(0, covering);
            }
        }

        return candidates;
    }

    /// <summary>A member of the approvers' team by Teams user id (a mention) or by display name, or null.</summary>
    public async Task<TeamsMember?> FindMemberAsync(string? userId, string? name, CancellationToken cancellationToken)
    {
        var members = await MembersAsync(cancellationToken) ?? [];
        return members.FirstOrDefault(m => userId is not null && string.Equals(m.Id, userId, StringComparison.Ordinal))
            ?? members.FirstOrDefault(m => name is not null && string.Equals(m.Name?.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private static ApproverKind Roster(ApprovalOptions o) => o.UseTeamRoster ? ApproverKind.Approver : ApproverKind.None;

    private async Task<IReadOnlyList<TeamsMember>?> MembersAsync(CancellationToken cancellationToken) =>
        await channels.GetAsync(cancellationToken) is { } channel ? await MembersAsync(channel, cancellationToken) : null;

    /// <summary>The members of the approvers' team (kept a short while, <see cref="TeamRoster"/>), or null when Teams would not say.</summary>
    public async Task<IReadOnlyList<TeamsMember>?> MembersAsync(ApproverChannelRow channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var rosterId = channel.TeamId ?? channel.ConversationId;
        if (roster.Find(channel.ServiceUrl, rosterId) is { } kept)
        {
            return kept;
        }

        try
        {
            var stamp = roster.Stamp();
            var members = await connector.GetMembersAsync(channel.ServiceUrl, rosterId, cancellationToken);
            roster.Keep(stamp, channel.ServiceUrl, rosterId, members);
            return members;
        }
        catch (ConnectorException ex)
        {
            Log.RosterUnavailable(logger, ex.Kind.ToString());
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Approvers' roster could not be read ({Kind}); no roster-based approval granted")]
        public static partial void RosterUnavailable(ILogger logger, string kind);
    }
}
