namespace InfoSharing.Bot.Workflow;

/// <summary>
/// The verbs of the approvers' safeguarding cards (Action.Execute <c>verb</c>, or <c>data.verb</c> in the
/// Action.Submit fallback): the retrospective review of emergency sharing and the anonymised advice card.
/// </summary>
public static class SafeguardingVerbs
{
    public const string Acknowledge = "reviewAcknowledge";
    public const string RaiseConcern = "reviewConcern";
    public const string ReviewDetails = "reviewDetails";
    public const string AdviceOpen = "adviceOpen";
    public const string AdviceAnswer = "adviceAnswer";

    /// <summary>The automatic user-specific refresh of either card (approvers get the detail view).</summary>
    public const string Refresh = "recordRefresh";

    public static bool IsKnown(string? verb) => verb is Acknowledge or RaiseConcern or ReviewDetails or AdviceOpen or AdviceAnswer or Refresh;
}

/// <summary>The <c>action</c> of the practitioner's safeguarding cards (Action.Submit data in the 1:1 chat).</summary>
public static class SafeguardingActions
{
    public const string EmergencyRecord = "emergencyRecord";
    public const string EmergencyFull = "emergencyFull";
    public const string AskAdvice = "askAdvice";
    public const string AdviceConsultation = "adviceConsultation";
    public const string ContinueFromAdvice = "continueFromAdvice";
    public const string OutcomeRecord = "outcomeRecord";
    public const string WiderRequest = "widerRequest";
    public const string Reconsider = "reconsider";

    public static bool IsKnown(string? action) =>
        action is EmergencyRecord or EmergencyFull or AskAdvice or AdviceConsultation or ContinueFromAdvice or OutcomeRecord or WiderRequest or Reconsider;
}

/// <summary>Statuses of emergency records and advice consultations (requests use <see cref="RequestStatus"/>).</summary>
public static class SafeguardingStatus
{
    /// <summary>Emergency declared and the act-now card shown; the short retrospective record is not yet given.</summary>
    public const string RecordDue = "record-due";

    /// <summary>The retrospective record is given and posted to the approvers for review.</summary>
    public const string ReviewPending = "review-pending";

    public const string Acknowledged = "acknowledged";
    public const string ConcernRaised = "concern-raised";

    /// <summary>The practitioner recorded that nothing was shared after all.</summary>
    public const string NothingShared = "nothing-shared";

    public const string AwaitingAdvice = "awaiting-advice";
    public const string AdviceGiven = "advice-given";

    /// <summary>
    /// A record the practitioner is making (a decision not to share from their draft, a declared emergency, a
    /// consultation), before its first command is recorded: never committed in this status.
    /// </summary>
    public const string FromDraft = "from-draft";

    /// <summary>The practitioner decided not to share and recorded why (§3.1): no approval is needed.</summary>
    public const string DecidedNotToShare = "decided-not-to-share";

    public static string? Title(string status) => status switch
    {
        RecordDue => "Emergency: retrospective record due",
        ReviewPending => "Emergency: awaiting review",
        Acknowledged => "Emergency: acknowledged",
        ConcernRaised => "Emergency: concern raised",
        NothingShared => "Emergency: nothing shared",
        AwaitingAdvice => "Advice: awaiting an answer",
        AdviceGiven => "Advice: answered",
        FromDraft => "Being recorded",
        DecidedNotToShare => "Not shared: decision recorded",
        _ => null,
    };
}
