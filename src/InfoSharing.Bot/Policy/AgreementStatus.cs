namespace InfoSharing.Bot.Policy;

public sealed record AgreementStatus
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public bool RoutesToDpo { get; init; }

    /// <summary>
    /// The answer step 3 pre-selects for a recipient type the organisation's own agreement covers
    /// (<see cref="RecipientType.CoveredByAgreement"/>): exactly one status has it when any recipient type is covered.
    /// </summary>
    public bool IsCoveredAnswer { get; init; }

    /// <summary>
    /// Where <see cref="RoutesToDpo"/>: the plain sentence the approval card shows to say why the Data Protection
    /// Officer must also decide (never the routing code).
    /// </summary>
    public string DpoReason { get; init => field = value ?? ""; } = "";
}
