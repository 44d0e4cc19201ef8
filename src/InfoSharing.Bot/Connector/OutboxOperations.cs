namespace InfoSharing.Bot.Connector;

/// <summary>
/// What an outbox row asks for, for every record kind (carried out by the one dispatcher, Approvals/RecordDelivery).
/// PUT updates are idempotent and may always be retried; posts are not. The names are stored: never rename one.
/// </summary>
public static class OutboxOperations
{
    /// <summary>A request's approval card, as a new thread in the approvers' channel.</summary>
    public const string PostApprovalCard = "postApprovalCard";

    /// <summary>An emergency record's review card or an advice consultation's card, as a new thread.</summary>
    public const string PostRecordCard = "postRecordCard";

    /// <summary>PUT a request's card after a change.</summary>
    public const string UpdateApprovalCard = "updateApprovalCard";

    /// <summary>PUT a review or advice card after a change.</summary>
    public const string UpdateRecordCard = "updateRecordCard";

    /// <summary>A message to the practitioner in their 1:1 chat (created if need be).</summary>
    public const string NotifyRequester = "notifyRequester";

    /// <summary>A reply in the record's thread; waits until its card is posted.</summary>
    public const string ThreadReply = "threadReply";

    /// <summary>A notice in the record's thread (a new thread if its card was never posted), optionally mentioning the deputies.</summary>
    public const string ChannelNotice = "channelNotice";

    /// <summary>A message to an administrator in their 1:1 chat (no one may decide a request, or the channel could not be told of a card not posted); needs a chat they have had with the bot.</summary>
    public const string NotifyAdmin = "notifyAdmin";

    public static bool IsIdempotent(string operation) => operation is UpdateApprovalCard or UpdateRecordCard;

    public static bool IsCardOperation(string operation) => operation is PostApprovalCard or PostRecordCard or UpdateApprovalCard or UpdateRecordCard;
}

public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>A post whose outcome cannot be known (timeout, crash mid-send): never re-sent, shown for attention.</summary>
    public const string Unknown = "unknown";
}
