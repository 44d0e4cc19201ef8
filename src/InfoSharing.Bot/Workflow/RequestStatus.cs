namespace InfoSharing.Bot.Workflow;

/// <summary>Request statuses as stored (ordinal strings).</summary>
public static class RequestStatus
{
    public const string Pending = "pending";
    public const string MoreInfoRequested = "more-info-requested";
    public const string Approved = "approved";
    public const string Declined = "declined";

    public static bool IsDecided(string status) =>
        string.Equals(status, Approved, StringComparison.Ordinal) || string.Equals(status, Declined, StringComparison.Ordinal);

    /// <summary>The title as the practitioner and the records show it: a question unanswered past the policy limit says so.</summary>
    public static string Title(string status, bool questionUnanswered) =>
        questionUnanswered && status == MoreInfoRequested ? "More information requested (unanswered)" : Title(status);

    public static string Title(string status) => status switch
    {
        Pending => "Awaiting decision",
        MoreInfoRequested => "More information requested",
        Approved => "Approved",
        Declined => "Declined",
        _ => SafeguardingStatus.Title(status) ?? status,
    };
}
