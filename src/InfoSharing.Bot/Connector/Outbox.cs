using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Connector;

/// <summary>Adds sends that must not be lost to the caller's unit of work, which wakes the outbox processor after its commit.</summary>
public sealed class Outbox(BotDbContext db, TimeProvider time)
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
}
