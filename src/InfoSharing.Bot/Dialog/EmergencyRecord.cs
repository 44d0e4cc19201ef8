namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The short retrospective record of emergency sharing (§5): case reference, categories shared, with whom, when,
/// how, who authorised it verbally. When nothing was shared after all, only the reason is kept.
/// </summary>
public sealed record EmergencyRecord
{
    public required bool Shared { get; init; }
    public string? NotSharedReason { get; init; }
    public string? CaseReference { get; init; }
    public IReadOnlyList<string> CategoryIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public string? RecipientTypeId { get; init; }
    public string? RecipientRole { get; init; }
    public DateTimeOffset? SharedAtUtc { get; init; }
    public string? MethodId { get; init; }
    public bool? AuthorisedVerbally { get; init; }
    public string? AuthorisedByRole { get; init; }
    public IReadOnlyList<string> ConfirmedNoIdentifierFields { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
}

/// <summary>The full record of emergency sharing, asked for within the configured window.</summary>
public sealed record EmergencyFullRecord
{
    public required string ItemsDescription { get; init; }
    public required string WhyItCouldNotWait { get; init; }
    public required string Article6BasisId { get; init; }
    public string? Article9ConditionId { get; init; }
    public string? CriminalOffenceConditionId { get; init; }
    public required string InformedId { get; init; }
    public string? InformedReason { get; init; }
    public required string ContentLocation { get; init; }
    public IReadOnlyList<string> ConfirmedNoIdentifierFields { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
}
