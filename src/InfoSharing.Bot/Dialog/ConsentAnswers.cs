namespace InfoSharing.Bot.Dialog;

/// <summary>
/// Step 7: openness (golden rule 2: is the person told) and, only where it matters, consent (§3 step 7): who gave it,
/// how and when when consent is the basis; why it is not relied on with Schedule 1 paragraph 10 or 18.
/// </summary>
public sealed record ConsentAnswers
{
    /// <summary>The consent status; the policy's "not asked" status when consent did not matter to the basis.</summary>
    public required string ConsentStatusId { get; init; }

    /// <summary>Who gave consent: a role, never a name. Set only when consent was given.</summary>
    public string? ConsentGivenBy { get; init; }

    public string? ConsentHow { get; init; }

    /// <summary>When consent was given (UK date); set only when consent is the basis (records before policy 2026.12.2 have none).</summary>
    public DateOnly? ConsentGivenOn { get; init; }

    /// <summary>Why the data subject's consent is not relied on (§4.5); set only with Schedule 1 paragraph 10 or 18.</summary>
    public IReadOnlyList<string> ReasonIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    public required string InformedId { get; init; }

    /// <summary>Why the person will not be told, in words: the titles of <see cref="InformedReasonIds"/> (free text before policy 2026.12.2).</summary>
    public string? InformedReason { get; init; }

    /// <summary>Why the person will not be told, from the list of §4.5.</summary>
    public IReadOnlyList<string> InformedReasonIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    public DateOnly? InformedReviewDate { get; init; }
    public string? Views { get; init; }
}
