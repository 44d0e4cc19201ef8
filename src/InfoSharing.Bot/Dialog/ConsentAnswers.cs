namespace InfoSharing.Bot.Dialog;

/// <summary>Step 7: consent and openness.</summary>
public sealed record ConsentAnswers
{
    public required string ConsentStatusId { get; init; }

    /// <summary>Who gave consent: a role, never a name. Set only when consent was given.</summary>
    public string? ConsentGivenBy { get; init; }

    public string? ConsentHow { get; init; }

    /// <summary>Reasons for sharing without consent (§4.5); set only when refused or not sought.</summary>
    public IReadOnlyList<string> ReasonIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    public required string InformedId { get; init; }
    public string? InformedReason { get; init; }
    public DateOnly? InformedReviewDate { get; init; }
    public string? Views { get; init; }
}
