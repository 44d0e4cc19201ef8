using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Approvals;

/// <summary>Section <c>Approvals</c>: who may decide, and which channel may become the approvers' channel.</summary>
public sealed class ApprovalOptions
{
    public const string SectionName = "Approvals";

    /// <summary>The Teams channel id (19:…@thread.tacv2) that may be registered. Empty: only admins may register (any channel in Development).</summary>
    public string? ApproverChannelId { get; set; }

    /// <summary>Entra object ids that may register any channel as the approvers' channel.</summary>
    public IList<string> AdminAadObjectIds { get; } = [];

    /// <summary>Entra object ids of approvers (Designated Safeguarding Leads and deputies).</summary>
    public IList<string> ApproverAadObjectIds { get; } = [];

    /// <summary>Entra object ids of the Data Protection Officer(s): required when a request routes to the DPO.</summary>
    public IList<string> DpoAadObjectIds { get; } = [];

    /// <summary>Entra object ids of the Prevent lead(s): required for Prevent / Channel requests.</summary>
    public IList<string> PreventLeadAadObjectIds { get; } = [];

    /// <summary>
    /// Entra object ids of the deputies (deputy Designated Safeguarding Leads): approvers, and the people mentioned when a
    /// pending request, review or consultation passes its deadline, or an emergency record is overdue.
    /// </summary>
    public IList<string> DeputyAadObjectIds { get; } = [];

    /// <summary>Entra object ids of the DPO's deputies: they may decide requests that must be decided by the DPO (domain.md §7.1 cover).</summary>
    public IList<string> DpoDeputyAadObjectIds { get; } = [];

    /// <summary>Entra object ids of the Prevent lead's deputies: they may decide requests that must be decided by the Prevent lead.</summary>
    public IList<string> PreventLeadDeputyAadObjectIds { get; } = [];

    /// <summary>Also treat members of the approvers' team (checked through the roster API) as approvers.</summary>
    public bool UseTeamRoster { get; set; }

    /// <summary>
    /// How long the team's member list (names, mentions, reassign choices) is kept before it is read again; a membership
    /// change Teams reports forgets it at once. Zero: read it every time. Who may decide is never taken from it.
    /// </summary>
    public TimeSpan RosterCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Development only: allow any conversation (e.g. the Emulator chat) to be registered as the approvers' conversation.</summary>
    public bool AllowDevelopmentFallback { get; set; } = true;

    /// <summary>Prefix of request references.</summary>
    public string ReferencePrefix { get; set; } = "ISR";

    /// <summary>Minimum length of a decline reason (domain.md §7).</summary>
    public int MinDeclineReasonLength { get; set; } = 30;
}
