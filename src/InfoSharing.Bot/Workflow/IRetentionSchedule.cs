namespace InfoSharing.Bot.Workflow;

/// <summary>
/// When a record comes up for retention review (Records:Retention), as the workflow's shell needs it at a decision and a new record;
/// implemented by Records.Retention.RecordRetention, so the records folder stays above the workflow's shell.
/// </summary>
public interface IRetentionSchedule
{
    /// <summary>The retention class a record of this type is kept under.</summary>
    string ClassFor(string kind);

    /// <summary>When a record of this type, created or decided at <paramref name="from"/>, is due for review.</summary>
    DateTime ReviewDateFor(string kind, DateTime from);
}
