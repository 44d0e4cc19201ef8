namespace InfoSharing.Bot.Dialog;

/// <summary>The input ids of every step (the keys of a card submit's values). Unique across the dialog.</summary>
public static class FieldIds
{
    public const string ImmediateDanger = "immediateDanger";

    public const string MatterType = "matterType";
    public const string Direction = "direction";
    public const string CaseReference = "caseReference";
    public const string SubjectType = "subjectType";
    public const string AtRisk = "atRisk";

    public const string Categories = "categories";
    public const string OtherCategoryDetail = "otherCategoryDetail";
    public const string ItemsDescription = "itemsDescription";
    public const string SpecialCategoryContent = "specialCategoryContent";
    public const string CriminalOffenceContent = "criminalOffenceContent";
    public const string IdentifiesOthers = "identifiesOthers";
    public const string OthersProtection = "othersProtection";
    public const string ContainsOpinion = "containsOpinion";

    public const string RecipientType = "recipientType";
    public const string RecipientRole = "recipientRole";
    public const string RecipientVerified = "recipientVerified";
    public const string AgreementStatus = "agreementStatus";
    public const string SecureMethod = "secureMethod";

    public const string Purposes = "purposes";
    public const string OtherPurposeDetail = "otherPurposeDetail";
    public const string ExpectedOutcome = "expectedOutcome";
    public const string RiskIfNotShared = "riskIfNotShared";
    public const string Minimisation = "minimisation";

    public const string Article6Basis = "article6Basis";
    public const string StatutoryFunction = "statutoryFunction";
    public const string StatutoryFunctionDetail = "statutoryFunctionDetail";
    public const string Article9Condition = "article9Condition";
    public const string CriminalOffenceCondition = "criminalOffenceCondition";

    public const string Justification = "justification";

    public const string ConsentStatus = "consentStatus";
    public const string ConsentGivenBy = "consentGivenBy";
    public const string ConsentHow = "consentHow";
    public const string ConsentGivenOn = "consentGivenOn";
    public const string ConsentReasons = "consentReasons";
    public const string Informed = "informed";
    public const string InformedReasons = "informedReasons";
    public const string InformedReviewDate = "informedReviewDate";
    public const string Views = "views";

    public const string Advice = "advice";
    public const string AdviserRole = "adviserRole";
    public const string AdviceIdentified = "adviceIdentified";
    public const string AdviceSummary = "adviceSummary";
    public const string Deadline = "deadline";
    public const string DeadlineDate = "deadlineDate";

    public const string Declaration = "declaration";

    /// <summary>The yes/no input of a necessity check.</summary>
    public static string NecessityCheck(string checkId) => "necessity_" + checkId;

    /// <summary>The explanation input of a necessity check answered "no".</summary>
    public static string NecessityExplanation(string checkId) => "necessity_" + checkId + "_explanation";
}
