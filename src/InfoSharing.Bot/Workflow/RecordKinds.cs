namespace InfoSharing.Bot.Workflow;

/// <summary>The record types of domain.md §8 (InfoRequestRow.Kind): the one place their names are spelled.</summary>
public static class RecordKinds
{
    public const string Request = "request";
    public const string Emergency = "emergency";
    public const string Advice = "advice";

    /// <summary>A decision not to share, recorded from a draft with its reasons (§3.1): no approval, nothing to the approvers' channel.</summary>
    public const string NotShared = "not-shared";
}
