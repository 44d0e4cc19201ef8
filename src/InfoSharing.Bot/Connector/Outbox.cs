using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Connector;

/// <summary>Adds sends that must not be lost to the caller's unit of work; the processor is woken after commit.</summary>
public sealed class Outbox(BotDbContext db, OutboxSignal signal, TimeProvider time)
{
    public OutboxMessageRow Enqueue(string operation, string purpose, Guid? requestId, string payloadJson = "{}")
    {
        var now = time.GetUtcNow().UtcDateTime;
        var row = new OutboxMessageRow
        {
            Id = Guid.CreateVersion7(),
            Operation = operation,
            Purpose = purpose,
            RequestId = requestId,
            ServiceUrl = string.Empty,
            PayloadJson = payloadJson,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Outbox.Add(row);
        return row;
    }

    /// <summary>Call after the unit of work committed.</summary>
    public void Wake() => signal.Notify();
}
