namespace InfoSharing.Bot.Policy;

public sealed record RecipientType
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public bool RoutesToDpo { get; init; }

    /// <summary>
    /// Where <see cref="RoutesToDpo"/>: the plain sentence the approval card shows to say why the Data Protection
    /// Officer must also decide (never the routing code).
    /// </summary>
    public string DpoReason { get; init => field = value ?? ""; } = "";

    /// <summary>
    /// The organisation's own information sharing agreement already covers this kind of recipient (its list g, the
    /// partners with a section 11 duty): step 3 pre-answers "is there an agreement" with <c>yes</c>.
    /// </summary>
    public bool CoveredByAgreement { get; init; }
}
