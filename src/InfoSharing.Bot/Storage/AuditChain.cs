using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace InfoSharing.Bot.Storage;

/// <summary>
/// The hash chain over the audit trail: each entry's hash covers its own fields and the previous entry's hash,
/// so a changed, removed or re-ordered row is detected at the first broken link. Pure.
/// </summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string ComputeHash(long sequence, DateTime at, string actor, string action, string subjectType, string? subjectId, string? details, string previousHash)
    {
        var canonical = string.Join('\u001f',
            sequence.ToString(CultureInfo.InvariantCulture),
            at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            actor,
            action,
            subjectType,
            subjectId ?? string.Empty,
            details ?? string.Empty,
            previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Checks entries in sequence order; returns the first broken link, or null when the chain is whole.</summary>
    public static AuditChainBreak? Verify(IEnumerable<AuditEntryRow> entriesInSequenceOrder)
    {
        ArgumentNullException.ThrowIfNull(entriesInSequenceOrder);
        var verifier = new AuditChainVerifier();
        foreach (var e in entriesInSequenceOrder)
        {
            if (verifier.Next(e) is { } broken)
            {
                return broken;
            }
        }

        return null;
    }
}

/// <summary>Where the audit chain breaks and why.</summary>
public sealed record AuditChainBreak(long Sequence, string Reason);
