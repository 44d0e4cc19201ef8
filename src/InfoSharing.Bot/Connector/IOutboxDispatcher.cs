using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Connector;

/// <summary>Performs one outbox row's send. Throws <see cref="ConnectorException"/> for connector failures.</summary>
public interface IOutboxDispatcher
{
    Task<OutboxDispatchResult> DispatchAsync(OutboxMessageRow message, CancellationToken cancellationToken);

    /// <summary>Called once when a row ends failed or unknown, to record and surface it.</summary>
    Task OnGaveUpAsync(OutboxMessageRow message, string status, string error, CancellationToken cancellationToken);
}

/// <summary>Sent (with the ids the connector returned), or not yet possible (e.g. no approvers' channel registered).</summary>
public sealed record OutboxDispatchResult(bool Sent, string? ConversationId = null, string? ActivityId = null, string? WaitReason = null)
{
    public static OutboxDispatchResult Done(string? conversationId, string? activityId) => new(true, conversationId, activityId);

    public static OutboxDispatchResult Wait(string reason) => new(false, WaitReason: reason);
}
