using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// What the shared channel card may show about a request (domain.md §7): references, titles from the policy
/// lists, flags and warnings — never free text about the person. Built once at submission.
/// </summary>
public sealed record ApprovalSummary
{
    public required string Reference { get; init; }
    public required string CaseReference { get; init; }
    public required string MatterType { get; init; }
    public required string Urgency { get; init; }
    public string? Deadline { get; init; }
    public required string RequesterName { get; init; }
    public required IReadOnlyList<CategoryBadge> Categories { get; init; }
    public required string RecipientType { get; init; }
    public required IReadOnlyList<string> Purposes { get; init; }
    public required string LegalBasis { get; init; }
    public required string ConsentStatus { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public bool RequiresDpo { get; init; }
    public bool RequiresPreventLead { get; init; }
    public required string PolicyVersion { get; init; }
}

public sealed record CategoryBadge(string Title, bool SpecialCategory, bool CriminalOffence);

/// <summary>The full answers, for an approver's audited detail view only.</summary>
public sealed record ApprovalDetail
{
    public required IReadOnlyList<DetailSection> Sections { get; init; }
}

public sealed record DetailSection(string Title, IReadOnlyList<DetailItem> Items);

public sealed record DetailItem(string Label, string Value);

/// <summary>One approver action as the card shows it.</summary>
public sealed record ApprovalActionView(string ActorName, string Action, DateTime AtUtc, string? ReasonTitle, string? Conditions);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ApprovalSummary))]
[JsonSerializable(typeof(ApprovalDetail))]
public sealed partial class ApprovalsJsonContext : JsonSerializerContext;
