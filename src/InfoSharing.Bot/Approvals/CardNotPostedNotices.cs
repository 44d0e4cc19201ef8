namespace InfoSharing.Bot.Approvals;

/// <summary>
/// When a request's approval card could not be posted and the approvers' channel could not be told either (the bot
/// was removed from the team, say), the admins are told in their 1:1 chats: who, and what they read.
/// </summary>
public static class CardNotPostedNotices
{
    /// <summary>The admins, or with none configured the approvers and deputies (someone who can act is always told).</summary>
    public static IEnumerable<string> AdminsToTell(ApprovalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (options.AdminAadObjectIds.Count > 0 ? options.AdminAadObjectIds : [.. options.ApproverAadObjectIds, .. options.DeputyAadObjectIds])
            .Distinct(StringComparer.OrdinalIgnoreCase);
    }

    public static string ToAdmin(string reference) =>
        $"**The approval card for {reference} could not be posted, and the approvers' channel could not be told either.** "
        + $"The request is recorded and waiting for a decision. Check the bot's membership of the approvers' team, then type `repost {reference}` "
        + "there (mentioning the bot) to post the card again, or decide it in the Approvals tab.";
}
