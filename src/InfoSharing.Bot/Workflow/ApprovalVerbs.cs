namespace InfoSharing.Bot.Workflow;

/// <summary>The verbs on the approval card (Action.Execute <c>verb</c>, or <c>data.verb</c> in the Action.Submit fallback).</summary>
public static class ApprovalVerbs
{
    public const string Approve = "approve";

    /// <summary>
    /// Approve in part (§7.1): the approver unticks categories or recipients; the decision covers only what stays
    /// ticked. Not <see cref="RecordActionKinds.PartialApproval"/>, the first of two approvals a request needs.
    /// </summary>
    public const string ApproveInPart = "approveInPart";
    public const string Decline = "decline";
    public const string MoreInfo = "moreInfo";
    public const string Conflict = "conflict";
    public const string Details = "details";
    public const string Refresh = "refresh";

    /// <summary>Hand the request on to a named approver or a role (domain.md §7.1).</summary>
    public const string Reassign = "reassign";

    public static bool IsKnown(string? verb) => verb is Approve or ApproveInPart or Decline or MoreInfo or Conflict or Details or Refresh or Reassign;
}
