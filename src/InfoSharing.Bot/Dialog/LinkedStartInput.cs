namespace InfoSharing.Bot.Dialog;

/// <summary>
/// Continue or start a request linked to an earlier record (built by the host after it has checked that the record
/// is the practitioner's own). With <see cref="Answers"/> the new draft starts from those answers (reconsider, widen).
/// </summary>
public sealed record LinkedStartInput : DialogInput
{
    public required RecordLink Link { get; init; }

    public DraftAnswers? Answers { get; init; }
}
