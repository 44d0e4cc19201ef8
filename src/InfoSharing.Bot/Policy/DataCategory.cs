namespace InfoSharing.Bot.Policy;

/// <summary>A data category (§4.1). SC = special category (Article 9), CO = criminal offence data (Article 10).</summary>
public sealed record DataCategory
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public bool SpecialCategory { get; init; }

    /// <summary>The <see cref="PolicyLists.SpecialCategoryContent"/> answers this category pre-ticks at step 2 (they cannot be cleared).</summary>
    public IReadOnlyList<string> RevealsSpecialCategory { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public bool CriminalOffence { get; init; }

    /// <summary>May be criminal offence data: the criminal-offence condition is offered but not required.</summary>
    public bool MayBeCriminalOffence { get; init; }

    public bool RoutesToDpo { get; init; }

    /// <summary>
    /// Where <see cref="RoutesToDpo"/>: the plain sentence the approval card shows to say why the Data Protection
    /// Officer must also decide (never the routing code).
    /// </summary>
    public string DpoReason { get; init => field = value ?? ""; } = "";

    /// <summary>Choosing it requires a short description ("other").</summary>
    public bool RequiresDetail { get; init; }
}
