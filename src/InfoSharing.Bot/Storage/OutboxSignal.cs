namespace InfoSharing.Bot.Storage;

/// <summary>Wakes the outbox processor; <see cref="UnitOfWork"/> notifies it after a commit that added outbox rows.</summary>
public sealed class OutboxSignal : QueueSignal;
