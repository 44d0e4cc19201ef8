namespace InfoSharing.Bot.Workflow;

/// <summary>Job statuses (ScheduledJobRow.Status).</summary>
public static class JobStatus
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Cancelled = "cancelled";
}
