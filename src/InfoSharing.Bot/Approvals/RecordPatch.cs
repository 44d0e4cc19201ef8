namespace InfoSharing.Bot.Approvals;

/// <summary>
/// Columns a command adds to the record besides its status (null: unchanged): the answers and the summary and detail
/// built from them, the outcome, the case reference an emergency record gives, when the record was given.
/// </summary>
public sealed record RecordPatch(string? DetailJson, string? OutcomeJson)
{
    public string? AnswersJson { get; init; }
    public string? SummaryJson { get; init; }
    public string? CaseReference { get; init; }
    public bool MarkSubmitted { get; init; }
    public bool MarkOutcomeRecorded { get; init; }
}
