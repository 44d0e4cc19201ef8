namespace InfoSharing.Bot.Dialog;

/// <summary>Step 1. The person is identified only by the case reference.</summary>
public sealed record AboutAnswers
{
    public required string MatterTypeId { get; init; }
    public required string DirectionId { get; init; }
    public required string CaseReference { get; init; }
    public required string SubjectTypeId { get; init; }

    /// <summary>
    /// Who is at risk (the person the sharing protects; not necessarily the data subject). Empty in a draft made
    /// before policy 2026.12.1, which re-asks step 1.
    /// </summary>
    public IReadOnlyList<string> AtRiskTypeIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>Value equality, the at-risk list compared item by item.</summary>
    public bool Equals(AboutAnswers? other) =>
        other is not null && MatterTypeId == other.MatterTypeId && DirectionId == other.DirectionId && CaseReference == other.CaseReference
        && SubjectTypeId == other.SubjectTypeId && AtRiskTypeIds.SequenceEqual(other.AtRiskTypeIds, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(MatterTypeId, DirectionId, CaseReference, SubjectTypeId, string.Join(',', AtRiskTypeIds));
}
