namespace InfoSharing.Bot.Storage;

/// <summary>
/// An approver's absence with a named cover (`away until &lt;date&gt; cover &lt;colleague&gt;`): while it runs, the cover may
/// decide what the away approver could, and reminders and escalations go to the cover. Ended early by `back`.
/// </summary>
public sealed class ApproverCoverRow
{
    public Guid Id { get; init; }
    public required string ApproverAadObjectId { get; init; }
    public required string ApproverName { get; init; }
    public required string CoverAadObjectId { get; init; }
    public string? CoverUserId { get; init; }
    public required string CoverName { get; init; }

    /// <summary>The end of the absence (UTC; the end of the named day in UK time).</summary>
    public DateTime Until { get; init; }
    public DateTime SetAt { get; init; }

    /// <summary>When the approver said `back` (or set a new absence), if before <see cref="Until"/>.</summary>
    public DateTime? EndedAt { get; set; }
}
