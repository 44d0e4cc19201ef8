using System.Globalization;
using System.Text.Json;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// Turns a submitted request into what approvers see: the shared card's summary (titles from the policy lists,
/// flags, warnings; no free text about the person) and the detail view's sections (every answer). Pure.
/// </summary>
public static class SubmissionRecord
{
    public static ApprovalSummary Summary(RequestSubmission s, PolicyDocument policy, string reference)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(policy);
        var l = policy.Lists;
        var basis = T(l.Article6Bases, s.LegalBasis.Article6BasisId, x => x.Id, x => x.Title);
        var art9 = s.LegalBasis.Article9ConditionId is { } a9 ? "; Art. 9: " + T(l.Article9Conditions, a9, x => x.Id, x => x.Title) : string.Empty;
        var art10 = s.LegalBasis.CriminalOffenceConditionId is { } a10 ? "; Art. 10: " + T(l.CriminalOffenceConditions, a10, x => x.Id, x => x.Title) : string.Empty;
        var warnings = s.Warnings.Select(w => w.Text).ToList();
        if (s.Routing.DpoRequired)
        {
            warnings.Add("The Data Protection Officer must decide: " + string.Join("; ", s.Routing.DpoReasons));
        }

        if (s.Routing.PreventLeadRequired)
        {
            warnings.Add("Prevent / Channel purpose: the Prevent lead must decide.");
        }

        return new ApprovalSummary
        {
            Reference = reference,
            CaseReference = s.About.CaseReference,
            MatterType = T(l.MatterTypes, s.About.MatterTypeId, x => x.Id, x => x.Title),
            Urgency = T(l.Deadlines, s.DeadlineId, x => x.Id, x => x.Title),
            Deadline = s.DueByUtc is { } due ? Cards.ApprovalCards.FormatUk(due.UtcDateTime) : null,
            RequesterName = s.Requester.DisplayName,
            Categories = [.. s.What.CategoryIds.Select(id => l.DataCategories.FirstOrDefault(c => c.Id == id) is { } c
                ? new CategoryBadge(c.Title, c.SpecialCategory, c.CriminalOffence || s.CriminalOffenceCategoryIds.Contains(id))
                : new CategoryBadge(id, false, false))],
            RecipientType = T(l.RecipientTypes, s.WithWhom.RecipientTypeId, x => x.Id, x => x.Title),
            Purposes = [.. s.Why.PurposeIds.Select(id => T(l.Purposes, id, x => x.Id, x => x.Title))],
            LegalBasis = basis + art9 + art10,
            ConsentStatus = T(l.ConsentStatuses, s.Consent.ConsentStatusId, x => x.Id, x => x.Title),
            Warnings = warnings,
            RequiresDpo = s.Routing.DpoRequired,
            RequiresPreventLead = s.Routing.PreventLeadRequired,
            PolicyVersion = s.PolicyVersion,
        };
    }

    public static ApprovalDetail Detail(RequestSubmission s, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(policy);
        var l = policy.Lists;
        static DetailItem I(string label, string? value) => new(label, string.IsNullOrWhiteSpace(value) ? "—" : value);
        static string YesNo(bool b) => b ? "Yes" : "No";
        return new ApprovalDetail
        {
            Sections =
            [
                new("What", [
                    I("Items", s.What.ItemsDescription),
                    I("Other category", s.What.OtherCategoryDetail),
                    I("Identifies others who could be harmed", YesNo(s.What.IdentifiesOthers)),
                    I("How their identity is protected", s.What.OthersProtection),
                    I("Contains opinion as well as fact", YesNo(s.What.ContainsOpinion)),
                ]),
                new("With whom", [
                    I("Recipient role", s.WithWhom.RecipientRole),
                    I("Identity and contact route verified", YesNo(s.WithWhom.RecipientVerified)),
                    I("Agreement with recipient", T(l.AgreementStatuses, s.WithWhom.AgreementStatusId, x => x.Id, x => x.Title)),
                    I("Secure method", T(l.SecureMethods, s.WithWhom.SecureMethodId, x => x.Id, x => x.Title)),
                ]),
                new("Why", [
                    I("Expected outcome", s.Why.ExpectedOutcome),
                    I("If not shared", s.Why.RiskIfNotShared),
                    I("Other purpose", s.Why.OtherPurposeDetail),
                ]),
                new("Legal basis", [
                    I("Statutory function", s.LegalBasis.StatutoryFunctionId is { } f ? T(l.StatutoryFunctions, f, x => x.Id, x => x.Title) : null),
                    I("Statutory function detail", s.LegalBasis.StatutoryFunctionDetail),
                ]),
                new("Necessity and proportionality", [
                    .. s.Necessity.Checks.Select(c => I(T(l.NecessityChecks, c.CheckId, x => x.Id, x => x.Title), JsonSerializer.Serialize(c, DialogJsonContext.Default.NecessityCheckAnswer))),
                    I("Justification", s.Necessity.Justification),
                ]),
                new("Consent and openness", [
                    I("Consent given by", s.Consent.ConsentGivenBy),
                    I("How", s.Consent.ConsentHow),
                    I("Reasons for sharing without consent", string.Join("; ", s.Consent.ReasonIds.Select(r => T(l.ConsentExceptionReasons, r, x => x.Id, x => x.Title)))),
                    I("Will the person be told", T(l.InformedOptions, s.Consent.InformedId, x => x.Id, x => x.Title)),
                    I("Why not / review date", s.Consent.InformedReason ?? s.Consent.InformedReviewDate?.ToString("d MMM yyyy", CultureInfo.InvariantCulture)),
                    I("Views expressed", s.Consent.Views),
                ]),
                new("Advice", [
                    I("Advice", T(l.AdviceOptions, s.Advice.AdviceId, x => x.Id, x => x.Title)),
                    I("Adviser's role", s.Advice.AdviserRole),
                    I("Summary", s.Advice.AdviceSummary),
                ]),
            ],
        };
    }

    private static string T<TItem>(IReadOnlyList<TItem> list, string? id, Func<TItem, string> idOf, Func<TItem, string> titleOf) =>
        list.FirstOrDefault(x => string.Equals(idOf(x), id, StringComparison.Ordinal)) is { } item ? titleOf(item) : id ?? "—";
}
