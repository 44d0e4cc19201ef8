namespace InfoSharing.Bot.Dialog;

/// <summary>Cross-checks 5 and 6: who else must approve, and why.</summary>
public sealed record RoutingDecision
{
    public required bool DpoRequired { get; init; }

    /// <summary>Codes: "otherCategory", "otherOrganisation", "noAgreement".</summary>
    public IReadOnlyList<string> DpoReasons { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    public required bool PreventLeadRequired { get; init; }

    /// <summary>A Channel purpose was chosen: remind that consent to Channel support is a separate matter.</summary>
    public required bool ChannelSupportConsentNote { get; init; }
}
