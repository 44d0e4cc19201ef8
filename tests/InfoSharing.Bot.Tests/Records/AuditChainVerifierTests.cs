using InfoSharing.Bot.Records;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>The streamed verifier on its own (the database-level alter/delete checks are in StorageContractTests).</summary>
public sealed class AuditChainVerifierTests
{
    private static List<AuditEntryRow> Chain(int count)
    {
        var entries = new List<AuditEntryRow>();
        var previous = AuditChain.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var at = new DateTime(2026, 11, 24, 9, i, 0, DateTimeKind.Utc);
            var hash = AuditChain.ComputeHash(i, at, "actor", "step", "request", "r", $"{{\"n\":{i}}}", previous);
            entries.Add(new AuditEntryRow { Sequence = i, At = at, Actor = "actor", Action = "step", SubjectType = "request", SubjectId = "r", Details = $"{{\"n\":{i}}}", PreviousHash = previous, Hash = hash });
            previous = hash;
        }

        return entries;
    }

    [Fact]
    public void Next_WholeChain_CountsEveryEntryAndEndsAtTheLastHash()
    {
        var chain = Chain(5);
        var verifier = new AuditChainVerifier();
        Assert.All(chain, e => Assert.Null(verifier.Next(e)));
        Assert.Equal((5, chain[^1].Hash), (verifier.Count, verifier.HeadHash));
    }

    [Fact]
    public void Verify_TwoEntriesSwappedWithTheirSequenceNumbers_IsNamedAtTheFirstMovedEntry()
    {
        var chain = Chain(5);
        var moved = new List<AuditEntryRow> { chain[0], Renumber(chain[2], 2), Renumber(chain[1], 3), chain[3], chain[4] };
        var broken = AuditChain.Verify(moved);
        Assert.Equal(2, broken?.Sequence);
        Assert.Contains("does not link", broken?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EntriesOutOfOrder_IsNamed()
    {
        var chain = Chain(4);
        var broken = AuditChain.Verify([chain[0], chain[2], chain[1], chain[3]]);
        Assert.Equal(3, broken?.Sequence);
        Assert.Contains("missing or out of order", broken?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EmptyTrail_IsIntact() => Assert.Null(AuditChain.Verify([]));

    private static AuditEntryRow Renumber(AuditEntryRow e, long sequence) => new()
    {
        Sequence = sequence, At = e.At, Actor = e.Actor, Action = e.Action, SubjectType = e.SubjectType, SubjectId = e.SubjectId,
        Details = e.Details, PreviousHash = e.PreviousHash, Hash = e.Hash,
    };
}
