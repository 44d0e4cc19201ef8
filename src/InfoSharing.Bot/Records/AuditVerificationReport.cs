using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Records;

/// <summary>
/// The result of checking the whole audit trail: whether it is intact, how many entries link, the chain head
/// (keep it: a later report with a lower head means entries were cut from the end) and the first broken link.
/// </summary>
public sealed record AuditVerificationReport
{
    public required bool Intact { get; init; }

    /// <summary>Entries that link, from the first up to the break (or all of them).</summary>
    public required long VerifiedEntries { get; init; }

    /// <summary>The sequence number of the last entry that links (0 for an empty trail).</summary>
    public required long HeadSequence { get; init; }

    /// <summary>The hash of the last entry that links.</summary>
    public required string HeadHash { get; init; }

    public required DateTime CheckedAtUtc { get; init; }

    /// <summary>The first broken link: the entry's sequence number and what is wrong with it.</summary>
    public AuditChainBreak? FirstBreak { get; init; }
}
