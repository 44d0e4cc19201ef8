using InfoSharing.Bot.Protocol;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// The approvers' team members as last read from Teams (<c>GET …/members</c>), kept for
/// <see cref="ApprovalOptions.RosterCacheDuration"/> and forgotten as soon as Teams reports a membership change in a
/// conversation (<c>conversationUpdate</c> with members added or removed). Used for names, @mentions, the reassign
/// choices and who gets the automatic detail view. Never for authorisation: whether a person may decide is checked
/// against the configured lists and, with the roster on, by a live <c>GET …/members/{id}</c> for that person
/// (<see cref="ApproverDirectory.ResolveAsync"/>).
/// </summary>
public sealed class TeamRoster(IOptionsMonitor<ApprovalOptions> options, TimeProvider time)
{
    private sealed record Entry(string ServiceUrl, string RosterId, IReadOnlyList<TeamsMember> Members, DateTimeOffset Until);

    private readonly Lock gate = new();
    private Entry? entry;
    private long generation;

    /// <summary>The members read for this roster and not yet stale, or null.</summary>
    public IReadOnlyList<TeamsMember>? Find(string serviceUrl, string rosterId) =>
        Volatile.Read(ref entry) is { } e && e.Until > time.GetUtcNow()
        && string.Equals(e.ServiceUrl, serviceUrl, StringComparison.Ordinal) && string.Equals(e.RosterId, rosterId, StringComparison.Ordinal)
            ? e.Members
            : null;

    /// <summary>The stamp to pass to <see cref="Keep"/>, taken before the read (a change reported during the read wins).</summary>
    public long Stamp()
    {
        lock (gate)
        {
            return generation;
        }
    }

    /// <summary>Keeps what was read, unless the roster changed since <paramref name="stamp"/> was taken.</summary>
    public void Keep(long stamp, string serviceUrl, string rosterId, IReadOnlyList<TeamsMember> members)
    {
        var duration = options.CurrentValue.RosterCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        var kept = new Entry(serviceUrl, rosterId, members, time.GetUtcNow() + duration);
        lock (gate)
        {
            if (generation == stamp)
            {
                Volatile.Write(ref entry, kept);
            }
        }
    }

    /// <summary>Forgets the members read (someone joined or left a conversation the bot is in).</summary>
    public void Forget()
    {
        lock (gate)
        {
            generation++;
            Volatile.Write(ref entry, null);
        }
    }
}
