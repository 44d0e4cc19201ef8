namespace InfoSharing.Bot.Dialog;

/// <summary>A point the approver should see (e.g. "recipientNotVerified"), with its text.</summary>
public sealed record RequestWarning(string Code, string Text);
