namespace InfoSharing.Bot.Storage;

/// <summary>
/// The audit trail's action names (stored ordinal strings). Each state transition writes exactly one entry; the
/// details hold ids, codes and dates, never the practitioner's free text.
/// </summary>
public static class AuditActions
{
    // the draft (subject type "draft", subject id = the draft id)
    public const string DraftCreated = "draft-created";
    public const string DraftEdited = "draft-edited";
    public const string DraftRestarted = "draft-restarted";
    public const string DraftCancelled = "draft-cancelled";
    public const string DraftExpired = "draft-expired";
    public const string DraftDiscarded = "draft-discarded";

    // the request (subject type "request"): written by Routing and Approvals
    public const string Submitted = "submitted";
    /// <summary>A detail view written before policy 2026.12.2, when an opened and an automatic view were one action.</summary>
    public const string DetailView = "detail-view";

    /// <summary>An approver opened the full answers (the Details button, or a refresh they asked for).</summary>
    public const string DetailViewOpened = Workflow.DecisionWorkflow.ViewActions.Opened;

    /// <summary>Teams showed the full answers on its own (the card's automatic user-specific refresh).</summary>
    public const string DetailViewAutomatic = Workflow.DecisionWorkflow.ViewActions.Automatic;
    public const string RefusedAction = Workflow.DecisionWorkflow.ViewActions.Refused;
    public const string MoreInfoAnswered = Workflow.RecordActionKinds.MoreInfoAnsweredAudit;

    /// <summary>An approver asked for a request's approval card to be posted again (its post failed or may not have arrived).</summary>
    public const string CardReposted = "card-reposted";

    // the records export (subject type "request", or "records" for a listing)
    public const string ExportList = "export-list";
    public const string ExportCsv = "export-csv";
    public const string ExportRecord = "export-record";
    public const string ExportCaseFile = "export-case-file";
    public const string ExportRetentionDue = "export-retention-due";
    public const string RefusedAccess = "refused-access";

    // retention
    public const string RetentionReviewed = "retention-reviewed";
    public const string ContentDeleted = "content-deleted";
    public const string RetentionRefused = "retention-refused";
    public const string LegalHoldSet = "legal-hold-set";
    public const string LegalHoldReleased = "legal-hold-released";

    public const string SubjectRequest = "request";
    public const string SubjectDraft = "draft";
    public const string SubjectRecords = "records";

    /// <summary>The actor of entries the bot writes on its own (housekeeping, delivery).</summary>
    public const string System = "system";
}
