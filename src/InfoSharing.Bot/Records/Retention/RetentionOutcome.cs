namespace InfoSharing.Bot.Records.Retention;

/// <summary>What a retention action did, or why it was refused.</summary>
public enum RetentionOutcome
{
    Done,
    Unchanged,
    NotFound,
    InvalidDate,
    OnLegalHold,
    NotDecided,
    NotDue,
    AlreadyRemoved,
}
