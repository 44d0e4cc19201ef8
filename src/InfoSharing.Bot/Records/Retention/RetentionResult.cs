using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Records.Retention;

/// <summary>The outcome of a retention action, the record as it now stands, and a message for a refusal.</summary>
public sealed record RetentionResult(RetentionOutcome Outcome, InfoRequestRow? Row, string? Message = null)
{
    public bool Succeeded => Outcome is RetentionOutcome.Done or RetentionOutcome.Unchanged;
}
