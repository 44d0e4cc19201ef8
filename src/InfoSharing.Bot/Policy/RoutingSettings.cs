namespace InfoSharing.Bot.Policy;

/// <summary>Cross-checks 5 and 6: which answers add the DPO or the Prevent lead as approvers.</summary>
public sealed record RoutingSettings
{
    public bool AddDpoForOtherCategory { get; init; } = true;
    public bool AddDpoForOtherOrganisation { get; init; } = true;
    public bool AddDpoForNoAgreement { get; init; } = true;
    public bool AddPreventLead { get; init; } = true;
}
