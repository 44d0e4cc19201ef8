using System.Text.Json;

namespace InfoSharing.Bot.Records.Export;

/// <summary>One audit entry about a record, as exported (with its place in the hash chain).</summary>
public sealed record AuditEntryDocument
{
    public required long Sequence { get; init; }
    public required DateTime AtUtc { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public required string SubjectType { get; init; }
    public string? SubjectId { get; init; }
    public JsonElement? Details { get; init; }
    public required string Hash { get; init; }
}
