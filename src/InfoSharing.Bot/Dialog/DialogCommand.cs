namespace InfoSharing.Bot.Dialog;

/// <summary>The commands a practitioner can type at any step.</summary>
public enum DialogCommand
{
    None,
    Back,
    Cancel,
    Restart,
    Help,
    MyRequests,
    NewRequest,
}
