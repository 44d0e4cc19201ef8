using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Cards;

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
    /// <summary>The Article 6 basis (a record made before policy 2026.12.2 holds the conditions here too).</summary>
    public required string LegalBasis { get; init; }

    /// <summary>Whether the request was received or the sharing proposed (null in a record made before 2026.12.2).</summary>
    public string? Direction { get; init; }

    /// <summary>Who the information is about, as a type from the policy (never a name).</summary>
    public string? About { get; init; }

    /// <summary>Who is at risk, as types from the policy.</summary>
    public IReadOnlyList<string> AtRisk { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>
    /// What the information reveals of the Article 9(1) kinds, as the practitioner answered it directly at step 2 (titles
    /// from the policy); empty for "none", null for a record made before the question was asked.
    /// </summary>
    public IReadOnlyList<string>? SpecialCategoryContent { get; init; }

    /// <summary>Whether it includes criminal offence information (Article 10), as answered at step 2; null before the question.</summary>
    public bool? CriminalOffenceContent { get; init; }

    public string? StatutoryFunction { get; init; }

    public string? Article9Condition { get; init; }

    public string? CriminalOffenceCondition { get; init; }

    /// <summary>One plain sentence per chosen condition saying when it applies (the policy's explanations).</summary>
    public IReadOnlyList<string> ConditionNotes { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    public required string ConsentStatus { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public bool RequiresDpo { get; init; }
    public bool RequiresPreventLead { get; init; }
    public required string PolicyVersion { get; init; }

    /// <summary>Set when the request was approved in part (§7.1): exactly what was approved, and what was left out.</summary>
    public InPartSummary? InPart { get; init; }
}

/// <summary>
/// What an approval in part covered, as policy ids (what the outcome record and the export are limited to) and as the
/// policy's titles at the decision (what the card and the notice say). Never the approver's note (free text).
/// </summary>
public sealed record InPartSummary
{
    public required IReadOnlyList<string> CategoryIds { get; init; }
    public required IReadOnlyList<string> RecipientTypeIds { get; init; }
    public required IReadOnlyList<string> LeftOutCategoryIds { get; init; }
    public required IReadOnlyList<string> LeftOutRecipientTypeIds { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }
    public required IReadOnlyList<string> Recipients { get; init; }
    public required IReadOnlyList<string> LeftOutCategories { get; init; }
    public required IReadOnlyList<string> LeftOutRecipients { get; init; }

    /// <summary>What was approved: "Emotional and mental health, with Local authority children's social care".</summary>
    public string ApprovedText() => string.Join(", ", Categories) + (Recipients.Count == 0 ? string.Empty : ", with " + string.Join(", ", Recipients));

    /// <summary>What was left out: "Family and personal relationships" (a recipient as "sharing with …").</summary>
    public string LeftOutText() => string.Join(", ", [.. LeftOutCategories, .. LeftOutRecipients.Select(r => "sharing with " + r)]);
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
