using System.Text.Json.Nodes;
using InfoSharing.Bot.Records.Access;
using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Records;

/// <summary>Audits a use of the records API (an export or a listing) in its own transaction, before any data is sent.</summary>
public sealed class RecordsAuditTrail(UnitOfWork unitOfWork, AuditLog audit)
{
    public Task AppendAsync(RecordsCaller caller, string action, string subjectType, string? subjectId, JsonObject details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return unitOfWork.ExecuteAsync(ct => audit.AppendAsync(caller.ActorId, action, subjectType, subjectId, caller.Details(details), ct), cancellationToken);
    }
}
