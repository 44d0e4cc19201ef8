namespace InfoSharing.Bot.Workflow;

/// <summary>
/// A person who may be asked to decide requests: a configured approver, Data Protection Officer, Prevent lead or
/// deputy, a member of the approvers' team (with the roster on), or a colleague covering for an away approver (who
/// then holds the away approver's kinds too).
/// </summary>
public sealed record Candidate(string ObjectId, string? UserId, string Name, ApproverKind Kinds)
{
    /// <summary>Away with cover set: not reminded or escalated to (their cover is).</summary>
    public bool Away { get; init; }

    /// <summary>For a cover: the Entra object id of the away approver they cover for.</summary>
    public string? CoversFor { get; init; }
}

/// <summary>
/// Who may decide a request, as pure functions of its snapshot (domain.md §7.1): the routing rule's approver kinds,
/// minus the requester and anyone who declared a conflict; the target of a reassignment; whom reminders and
/// escalations go to (never an away approver, always their cover).
/// </summary>
public static class Deciders
{
    /// <summary>The prefix of a reassignment to a named approver (then their Entra object id).</summary>
    public const string PersonPrefix = "person:";

    /// <summary>The prefix of a reassignment to a role (then <see cref="ApproverKind.Dpo"/> or <see cref="ApproverKind.PreventLead"/>).</summary>
    public const string RolePrefix = "role:";

    public static bool Conflicted(RecordSnapshot record, string objectId)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Actions.Any(a => a.Action == ApprovalVerbs.Conflict && string.Equals(a.ActorObjectId, objectId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when this person may decide the request (away or not).</summary>
    public static bool MayDecide(RecordSnapshot record, Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(candidate);
        var isRequester = string.Equals(candidate.ObjectId, record.RequesterObjectId, StringComparison.OrdinalIgnoreCase)
            || (candidate.UserId is not null && string.Equals(candidate.UserId, record.RequesterUserId, StringComparison.Ordinal));
        return ApprovalRules.WhyNot(ApprovalVerbs.Approve, candidate.Kinds, isRequester, Conflicted(record, candidate.ObjectId), record.Required) is null;
    }

    /// <summary>Everyone who may decide the request and is not away (null when the shell gave no candidates).</summary>
    public static IReadOnlyList<Candidate>? Who(RecordSnapshot record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Candidates is { } all ? [.. all.Where(c => !c.Away && MayDecide(record, c))] : null;
    }

    /// <summary>
    /// Whom a reminder or escalation of the request goes to: the approver it was handed to (or their cover), the
    /// holders of the role it was handed to, else everyone who may decide it. Empty: no one may decide it.
    /// </summary>
    public static IReadOnlyList<Candidate> Targets(RecordSnapshot record)
    {
        var who = Who(record) ?? [];
        var target = Assigned(record);
        IReadOnlyList<Candidate> chosen = target switch
        {
            { } t when t.StartsWith(PersonPrefix, StringComparison.Ordinal) => [.. who.Where(c => Same(c.ObjectId, t[PersonPrefix.Length..])
                || Same(c.CoversFor, t[PersonPrefix.Length..]))],
            { } t when Role(t) is { } role => [.. who.Where(c => c.Kinds.HasFlag(role))],
            _ => [],
        };
        return chosen.Count > 0 ? chosen : who;
    }

    /// <summary>The target of the latest reassignment (<c>person:…</c> or <c>role:…</c>), or null.</summary>
    public static string? Assigned(RecordSnapshot record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Actions.LastOrDefault(a => a.Action == ApprovalVerbs.Reassign)?.Code;
    }

    /// <summary>Why the request may not be handed to this target, or null when it may.</summary>
    public static string? WhyNotReassign(RecordSnapshot record, string? target)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Who(record) is not { } who)
        {
            return "Who may decide this request could not be worked out; try again.";
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            return "Choose the approver or role to hand this request to.";
        }

        if (target.StartsWith(PersonPrefix, StringComparison.Ordinal))
        {
            var id = target[PersonPrefix.Length..];
            var person = record.Candidates!.FirstOrDefault(c => Same(c.ObjectId, id));
            return person is null ? "That person is not an approver, so the request cannot be handed to them."
                : Same(person.ObjectId, record.RequesterObjectId) ? $"{person.Name} made this request, so they cannot decide it."
                : Conflicted(record, person.ObjectId) ? $"{person.Name} declared a conflict of interest on this request, so they cannot decide it."
                : !MayDecide(record, person) ? $"This request must be decided by {ApprovalRules.Describe(record.Required)}; {person.Name} cannot decide it."
                : null;
        }

        if (Role(target) is not { } role)
        {
            return "That is not an approver or a role this request can be handed to.";
        }

        return record.Required != ApproverKind.None && (record.Required & role) == ApproverKind.None
            ? $"This request must be decided by {ApprovalRules.Describe(record.Required)}, so it cannot be handed to {ApprovalRules.Describe(role)}."
            : who.Any(c => c.Kinds.HasFlag(role)) ? null
            : $"No one who may decide this request holds that role now ({ApprovalRules.Describe(role)}, their deputies or cover).";
    }

    /// <summary>What a reassignment target reads as: the person's name, or the role.</summary>
    public static string Describe(RecordSnapshot record, string? target)
    {
        ArgumentNullException.ThrowIfNull(record);
        return target switch
        {
            { } t when t.StartsWith(PersonPrefix, StringComparison.Ordinal) =>
                record.Candidates?.FirstOrDefault(c => Same(c.ObjectId, t[PersonPrefix.Length..]))?.Name ?? "an approver",
            { } t when Role(t) is { } role => ApprovalRules.Describe(role),
            _ => "an approver",
        };
    }

    /// <summary>The role of a <c>role:…</c> target (the DPO or the Prevent lead), or null.</summary>
    public static ApproverKind? Role(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.StartsWith(RolePrefix, StringComparison.Ordinal)
               && Enum.TryParse<ApproverKind>(target[RolePrefix.Length..], ignoreCase: true, out var kind)
               && kind is ApproverKind.Dpo or ApproverKind.PreventLead
            ? kind
            : null;
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
