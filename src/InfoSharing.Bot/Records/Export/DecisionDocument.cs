namespace InfoSharing.Bot.Records.Export;

/// <summary>The final decision on a record.</summary>
public sealed record DecisionDocument
{
    public required string Outcome { get; init; }
    public DateTime? AtUtc { get; init; }
    public string? ByAadObjectId { get; init; }
    public string? ByName { get; init; }

    /// <summary>True when approved in part (§7.1): the approval covers only <see cref="ApprovedCategoryIds"/> and <see cref="ApprovedRecipientTypeIds"/>.</summary>
    public bool InPart { get; init; }

    /// <summary>After approval: the categories approved (policy ids); null otherwise.</summary>
    public IReadOnlyList<string>? ApprovedCategoryIds { get; init; }

    public IReadOnlyList<string>? ApprovedRecipientTypeIds { get; init; }

    /// <summary>After an approval in part: the categories asked for and not approved.</summary>
    public IReadOnlyList<string>? NotApprovedCategoryIds { get; init; }
}
