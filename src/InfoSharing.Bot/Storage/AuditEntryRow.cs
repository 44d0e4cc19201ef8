namespace InfoSharing.Bot.Storage;

/// <summary>
/// One append-only audit entry. <see cref="Hash"/> covers this entry's fields and <see cref="PreviousHash"/>,
/// so altering, removing or re-ordering a row breaks the chain.
/// </summary>
public sealed class AuditEntryRow
{
    public long Id { get; init; }
    public required long Sequence { get; init; }
    public DateTime At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public required string SubjectType { get; init; }
    public string? SubjectId { get; init; }
    public string? Details { get; init; }
    public required string PreviousHash { get; init; }
    public required string Hash { get; init; }
}
