using System.Text.Json;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Records.Export;

/// <summary>Maps stored records to the export's JSON documents. Pure.</summary>
public static class RecordDocuments
{
    public static RecordListItem ListItem(InfoRequestRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new RecordListItem
        {
            Reference = row.Reference,
            Id = row.Id,
            Type = row.Kind,
            Status = row.Status,
            MatterType = row.MatterType,
            CaseReference = row.CaseReference,
            RequesterAadObjectId = row.RequesterAadObjectId,
            CreatedAtUtc = row.CreatedAt,
            SubmittedAtUtc = row.SubmittedAt,
            Decision = row.Decision,
            DecidedAtUtc = row.DecidedAt,
            Retention = Retention(row),
            Href = "/records/" + Uri.EscapeDataString(row.Reference),
        };
    }

    public static DecisionRecordDocument Record(RecordData record, IReadOnlyList<AuditEntryRow> audit)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(audit);
        var row = record.Row;
        return new DecisionRecordDocument
        {
            Reference = row.Reference,
            Id = row.Id,
            Type = row.Kind,
            Status = row.Status,
            Standing = RequestStanding.Title(row, record.Actions.Select(a => a.Action)),
            DeliveryProblem = row.DeliveryProblem,
            PolicyVersion = row.PolicyVersion,
            CaseReference = row.CaseReference,
            RequesterAadObjectId = row.RequesterAadObjectId,
            RequesterName = row.RequesterName,
            MatterType = row.MatterType,
            SubjectType = row.SubjectType,
            Urgency = row.Urgency,
            DeadlineUtc = row.Deadline,
            RequiresDpo = row.RequiresDpo,
            RequiresPreventLead = row.RequiresPreventLead,
            CreatedAtUtc = row.CreatedAt,
            SubmittedAtUtc = row.SubmittedAt,
            Answers = record.ContentDeleted ? null : Json(row.AnswersJson),
            ApproverActions = [.. record.Actions.Select(Action)],
            Decision = row.Decision is { } outcome
                ? new DecisionDocument
                {
                    Outcome = outcome, AtUtc = row.DecidedAt, ByAadObjectId = row.DecidedByAadObjectId, ByName = row.DecidedByName,
                    InPart = record.InPart is not null, ApprovedCategoryIds = record.ApprovedCategoryIds, ApprovedRecipientTypeIds = record.ApprovedRecipientTypeIds,
                    NotApprovedCategoryIds = record.InPart?.LeftOutCategoryIds,
                }
                : null,
            Outcome = Json(row.OutcomeJson),
            Retention = Retention(row),
            Audit = [.. audit.Select(Entry)],
        };
    }

    public static RetentionDocument Retention(InfoRequestRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new RetentionDocument
        {
            Class = row.RetentionClass,
            ReviewDateUtc = row.ReviewDate,
            LegalHold = row.LegalHold,
            ReviewedAtUtc = row.ReviewedAt,
            ContentDeletedAtUtc = row.ContentDeletedAt,
        };
    }

    public static ApproverActionDocument Action(ApprovalActionRow a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new ApproverActionDocument(
            a.At, a.ActorAadObjectId, a.ActorName, a.ActorRole, a.Action, a.ReasonCode, a.Text, a.Conditions);
    }

    public static AuditEntryDocument Entry(AuditEntryRow e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new AuditEntryDocument
        {
            Sequence = e.Sequence,
            AtUtc = e.At,
            Actor = e.Actor,
            Action = e.Action,
            SubjectType = e.SubjectType,
            SubjectId = e.SubjectId,
            Details = Json(e.Details),
            Hash = e.Hash,
        };
    }

    /// <summary>Stored JSON as an element (null when absent or unreadable).</summary>
    private static JsonElement? Json(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
