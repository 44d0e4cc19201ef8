
namespace InfoSharing.Bot.Storage;

/// <summary>
/// Checks the audit chain one entry at a time (so a long trail can be streamed through it): each entry must carry
/// the next sequence number, link to the previous entry's hash and hash to its own stored hash.
/// </summary>
public sealed class AuditChainVerifier
{
    private string _expectedPrevious = AuditChain.GenesisHash;
    private long _expectedSequence = 1;

    /// <summary>Entries checked so far that were whole.</summary>
    public long Count { get; private set; }

    /// <summary>The hash of the last whole entry (the chain head so far); the genesis hash before any.</summary>
    public string HeadHash => _expectedPrevious;

    /// <summary>Checks the next entry; returns the break it shows, or null when it links.</summary>
    public AuditChainBreak? Next(AuditEntryRow entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Sequence != _expectedSequence)
        {
            return new AuditChainBreak(entry.Sequence, $"expected entry {_expectedSequence} but found {entry.Sequence}: an entry is missing or out of order");
        }

        if (!string.Equals(entry.PreviousHash, _expectedPrevious, StringComparison.Ordinal))
        {
            return new AuditChainBreak(entry.Sequence, $"entry {entry.Sequence} does not link to entry {entry.Sequence - 1}: a previous entry was changed, removed or moved");
        }

        var actual = AuditChain.ComputeHash(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.SubjectType, entry.SubjectId, entry.Details, entry.PreviousHash);
        if (!string.Equals(actual, entry.Hash, StringComparison.Ordinal))
        {
            return new AuditChainBreak(entry.Sequence, $"entry {entry.Sequence} was altered after it was written");
        }

        _expectedPrevious = entry.Hash;
        _expectedSequence++;
        Count++;
        return null;
    }
}
