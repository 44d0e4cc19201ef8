using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Policy;

/// <summary>
/// Cross-checks 5 and 6: which answers add the DPO or the Prevent lead as approvers. Every switch must be
/// written out: a missing one would silently read as false.
/// </summary>
public sealed record RoutingSettings
{
    [JsonRequired]
    public bool AddDpoForOtherCategory { get; init; } = true;
    [JsonRequired]
    public bool AddDpoForOtherOrganisation { get; init; } = true;
    [JsonRequired]
    public bool AddDpoForNoAgreement { get; init; } = true;
    [JsonRequired]
    public bool AddPreventLead { get; init; } = true;
}
