namespace InfoSharing.Bot.Dialog;

/// <summary>Step 5.</summary>
public sealed record LegalBasisAnswers
{
    public required string Article6BasisId { get; init; }
    public string? StatutoryFunctionId { get; init; }
    public string? StatutoryFunctionDetail { get; init; }

    /// <summary>Set only when a special-category category was chosen.</summary>
    public string? Article9ConditionId { get; init; }

    /// <summary>Set only when criminal-offence data was (or may be) chosen.</summary>
    public string? CriminalOffenceConditionId { get; init; }
}
