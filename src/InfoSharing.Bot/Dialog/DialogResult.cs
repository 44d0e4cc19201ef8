namespace InfoSharing.Bot.Dialog;

/// <summary>
/// What the dialog decided: the new state (null means the draft is deleted or there is none), the replies
/// in order, and the effects for the host to carry out.
/// </summary>
public sealed record DialogResult
{
    public DialogState? State { get; init; }

    public IReadOnlyList<DialogReply> Replies { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    public IReadOnlyList<DialogEffect> Effects { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
}
