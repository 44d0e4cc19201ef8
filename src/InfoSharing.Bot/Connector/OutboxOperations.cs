namespace InfoSharing.Bot.Connector;

/// <summary>What an outbox row asks for. PUT updates are idempotent and may always be retried; posts are not.</summary>
public static class OutboxOperations
{
    public const string PostApprovalCard = "postApprovalCard";
    public const string UpdateApprovalCard = "updateApprovalCard";
    public const string NotifyRequester = "notifyRequester";
    public const string ThreadReply = "threadReply";

    public static bool IsIdempotent(string operation) => string.Equals(operation, UpdateApprovalCard, StringComparison.Ordinal);
}

public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>A post whose outcome cannot be known (timeout, crash mid-send): never re-sent, shown for attention.</summary>
    public const string Unknown = "unknown";
}
