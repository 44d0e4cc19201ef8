namespace InfoSharing.Bot.Cards;

/// <summary>The input ids of the safeguarding forms (emergency record, advice, outcome, review). Unique across the bot's cards.</summary>
public static class SafeguardingFieldIds
{
    /// <summary>The longest advice answer an approver may write (the card's maxLength and the form's check).</summary>
    public const int AdviceAnswerMaxLength = 2000;

    // The short retrospective record of emergency sharing (§5).
    public const string EmergencyShared = "emShared";
    public const string EmergencyNotSharedReason = "emNotSharedReason";
    public const string EmergencyCaseReference = "emCaseReference";
    public const string EmergencyCategories = "emCategories";
    public const string EmergencyRecipientType = "emRecipientType";
    public const string EmergencyRecipientRole = "emRecipientRole";
    public const string EmergencySharedOn = "emSharedOn";
    public const string EmergencySharedAt = "emSharedAt";
    public const string EmergencyMethod = "emMethod";
    public const string EmergencyAuthorised = "emAuthorised";
    public const string EmergencyAuthorisedBy = "emAuthorisedBy";

    // The full record of emergency sharing.
    public const string EmergencyItems = "emItems";
    public const string EmergencyWhyNow = "emWhyNow";
    public const string EmergencyArticle6 = "emArticle6";
    public const string EmergencyArticle9 = "emArticle9";
    public const string EmergencyCriminalOffence = "emCriminalOffence";
    public const string EmergencyInformed = "emInformed";
    public const string EmergencyInformedReason = "emInformedReason";
    public const string EmergencyContentLocation = "emContentLocation";

    // The anonymised consultation (§6) and the approver's answer.
    public const string AdviceAgeBand = "adAgeBand";
    public const string AdviceMatterType = "adMatterType";
    public const string AdviceDescription = "adDescription";
    public const string AdviceCategories = "adCategories";
    public const string AdviceRecipientType = "adRecipientType";
    public const string AdviceQuestion = "adQuestion";
    public const string AdviceAnswer = "adAnswer";
    public const string AdviceSuggestedOutcome = "adSuggestedOutcome";

    // The outcome record after approval (§3).
    public const string Outcome = "ocOutcome";
    public const string OutcomeChanges = "ocChanges";
    public const string OutcomeCategories = "ocCategories";
    public const string OutcomeRecipientType = "ocRecipientType";
    public const string OutcomeNotSharedReason = "ocNotSharedReason";
    public const string OutcomeRequesterTold = "ocRequesterTold";
    public const string OutcomeSharedOn = "ocSharedOn";
    public const string OutcomeSharedAt = "ocSharedAt";
    public const string OutcomeSharedBy = "ocSharedBy";
    public const string OutcomeMethod = "ocMethod";
    public const string OutcomeContentLocation = "ocContentLocation";

    // The decision not to share (§3.1), recorded from a cancelled draft.
    public const string NotSharedReasons = "nsReasons";
    public const string NotSharedWhy = "nsWhy";

    // The approvers' retrospective review.
    public const string ReviewNote = "rvNote";
    public const string ReviewConcern = "rvConcern";
}
