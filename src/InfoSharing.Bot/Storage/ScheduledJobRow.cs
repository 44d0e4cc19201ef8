namespace InfoSharing.Bot.Storage;

/// <summary>
/// A reminder or escalation due at a time (table <c>scheduled_jobs</c>). Durable, so scheduling survives a restart;
/// claimed with a compare-and-set lease and completed in the same transaction as what it sends, so with several
/// instances sharing one database each job fires once.
/// </summary>
public sealed class ScheduledJobRow
{
    public required Guid Id { get; init; }

    /// <summary>What to do: see <c>JobKinds</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The request, emergency record or advice consultation it is about.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>1 for the first reminder of its kind on this record, 2 for the next…; unique per record and kind.</summary>
    public required int Sequence { get; init; }

    public required DateTime DueAt { get; set; }

    /// <summary>pending | done | cancelled.</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }
    public DateTime? LockedUntil { get; set; }
    public string? LockOwner { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>Why it ended as it did (sent, cancelled after a decision, record complete…).</summary>
    public string? Result { get; set; }
}
