namespace InfoSharing.Bot.Dialog;

/// <summary>Step 1. The person is identified only by the case reference.</summary>
public sealed record AboutAnswers
{
    public required string MatterTypeId { get; init; }
    public required string DirectionId { get; init; }
    public required string CaseReference { get; init; }

    /// <summary>Who the information is about (domain §3 step 1: choose all that apply), as policy subject types.</summary>
    public IReadOnlyList<string> SubjectTypeIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>The single answer a draft or record made before policy 2026.12.2 holds; read, never written.</summary>
    public string? SubjectTypeId { get; init; }

    /// <summary>Everyone the information is about: the list, or the single answer of an older draft or record.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> AllSubjectTypeIds => SubjectTypeIds.Count > 0 ? SubjectTypeIds : SubjectTypeId is { Length: > 0 } one ? [one] : [];

    /// <summary>
    /// Who is at risk (the person the sharing protects; not necessarily the data subject). Empty in a draft made
    /// before policy 2026.12.1, which re-asks step 1.
    /// </summary>
    public IReadOnlyList<string> AtRiskTypeIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>Value equality, the lists compared item by item.</summary>
    public bool Equals(AboutAnswers? other) =>
        other is not null && MatterTypeId == other.MatterTypeId && DirectionId == other.DirectionId && CaseReference == other.CaseReference
        && AllSubjectTypeIds.SequenceEqual(other.AllSubjectTypeIds, StringComparer.Ordinal) && AtRiskTypeIds.SequenceEqual(other.AtRiskTypeIds, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(MatterTypeId, DirectionId, CaseReference, string.Join(',', AllSubjectTypeIds), string.Join(',', AtRiskTypeIds));
}
