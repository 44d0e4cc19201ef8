namespace InfoSharing.Bot.Dialog;

/// <summary>The result of checking one step: errors by field, likely identifiers by field, and the answers with this section saved when valid.</summary>
public sealed record StepOutcome
{
    public required IReadOnlyDictionary<string, string> Errors { get; init; }

    /// <summary>Per free-text field, the titles of the likely identifiers it seems to hold (cross-check 8).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> IdentifierHits { get; init; }

    /// <summary>The answers with this step's section replaced (unchanged when there are errors).</summary>
    public required DraftAnswers Answers { get; init; }

    public bool IsValid => Errors.Count == 0;
}
