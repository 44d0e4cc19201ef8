namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The version of the dialog's questions and state shape. Bump it when a step, a field id or the state
/// changes incompatibly: a stored draft of another version is then restarted politely, never misread.
/// </summary>
public static class DialogDefinition
{
    public const int Version = 2;

    /// <summary>Steps 0 to 9 of docs/domain.md §3.</summary>
    public const int StepCount = 10;
}
