using InfoSharing.Bot.Storage;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Connector;

/// <summary>Adds sends that must not be lost to the caller's unit of work, which wakes the outbox processor after its commit.</summary>
public sealed class Outbox(BotDbContext db, TimeProvider time, IOptions<OutboxOptions> options)
{
    /// <summary>Lock owner of a row held for the unit of work that wrote it (<see cref="EnqueueHeld"/>).</summary>
    public const string HeldInline = "held-inline";

    public OutboxMessageRow Enqueue(string operation, string purpose, Guid? requestId, string payloadJson = "{}") =>
        Add(operation, purpose, requestId, payloadJson, time.GetUtcNow().UtcDateTime, heldUntil: null);

    /// <summary>
    /// Adds a send that the caller makes itself, in-line, just after its unit of work commits
    /// (<see cref="OutboxProcessor.SendHeldAsync"/>): held from the background processor for one lease. If the process dies
    /// first, the lease runs out and the processor takes the row as any interrupted one: sends it when its write never
    /// started, ends it unknown when it may have left. <paramref name="order"/> keeps one caller's rows in order.
    /// </summary>
    public OutboxMessageRow EnqueueHeld(string operation, string purpose, Guid? requestId, string payloadJson, int order)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return Add(operation, purpose, requestId, payloadJson, now + TimeSpan.FromMicroseconds(order), now + options.Value.Lease);
    }

    private OutboxMessageRow Add(string operation, string purpose, Guid? requestId, string payloadJson, DateTime createdAt, DateTime? heldUntil)
    {
        var row = new OutboxMessageRow
        {
            Id = Guid.CreateVersion7(),
            Operation = operation,
            Purpose = purpose,
            RequestId = requestId,
            ServiceUrl = string.Empty,
            PayloadJson = payloadJson,
            Status = OutboxStatus.Pending,
            CreatedAt = createdAt,
            NextAttemptAt = createdAt,
            LockedUntil = heldUntil,
            LockOwner = heldUntil is null ? null : HeldInline,
            Attempts = heldUntil is null ? 0 : 1, // a held row's first attempt is its writer's
        };
        db.Outbox.Add(row);
        return row;
    }
}
