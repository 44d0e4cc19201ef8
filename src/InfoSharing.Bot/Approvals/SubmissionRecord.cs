using System.Globalization;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

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
        var basis = l.Article6Bases.FirstOrDefault(b => b.Id == s.LegalBasis.Article6BasisId);
        var function = l.StatutoryFunctions.FirstOrDefault(f => f.Id == s.LegalBasis.StatutoryFunctionId);
        var article9 = l.Article9Conditions.FirstOrDefault(c => c.Id == s.LegalBasis.Article9ConditionId);
        var criminal = l.CriminalOffenceConditions.FirstOrDefault(c => c.Id == s.LegalBasis.CriminalOffenceConditionId);
        var warnings = s.Warnings.Select(w => w.Text).ToList();
        if (s.Routing.DpoRequired)
        {
            var reasons = DpoReasons(s, policy);
            warnings.Add("The Data Protection Officer must also decide." + (reasons.Count == 0 ? string.Empty : " " + string.Join(" ", reasons)));
        }

        if (s.Routing.PreventLeadRequired)
        {
            warnings.Add("A Prevent or Channel purpose was chosen, so the Prevent lead must also decide.");
        }

        if (function is { Article6BasisId.Length: > 0 } && basis is not null && function.Article6BasisId != basis.Id
            && l.Article6Bases.FirstOrDefault(b => b.Id == function.Article6BasisId) is { } usual)
        {
            warnings.Add($"The statutory function chosen normally goes with the basis \u201c{usual.Title}\u201d, not \u201c{basis.Title}\u201d.");
        }

        return new ApprovalSummary
        {
            Reference = reference,
            CaseReference = s.About.CaseReference,
            MatterType = T(l.MatterTypes, s.About.MatterTypeId, x => x.Id, x => x.Title),
            Direction = T(l.Directions, s.About.DirectionId, x => x.Id, x => x.Title),
            About = s.About.AllSubjectTypeIds.Count == 0 ? null : string.Join("; ", s.About.AllSubjectTypeIds.Select(id => T(l.SubjectTypes, id, x => x.Id, x => x.Title))),
            AtRisk = [.. s.About.AtRiskTypeIds.Select(id => T(l.AtRiskTypes, id, x => x.Id, x => x.Title))],
            Urgency = T(l.Deadlines, s.DeadlineId, x => x.Id, x => x.Title),
            Deadline = s.DueByUtc is { } due ? Cards.ApprovalCards.FormatUk(due.UtcDateTime) : null,
            RequesterName = s.Requester.DisplayName,
            Categories = [.. s.What.CategoryIds.Select(id => l.DataCategories.FirstOrDefault(c => c.Id == id) is { } c
                ? new CategoryBadge(c.Title, c.SpecialCategory, c.CriminalOffence || s.CriminalOffenceCategoryIds.Contains(id))
                : new CategoryBadge(Words(id), false, false))],
            SpecialCategoryContent = s.What.SpecialCategoryContentIds is { } content
                ? [.. content.Select(id => T(l.SpecialCategoryContent, id, x => x.Id, x => x.Title)).Where(t => t.Length > 0)]
                : null,
            CriminalOffenceContent = s.What.CriminalOffenceContent,
            RecipientType = T(l.RecipientTypes, s.WithWhom.RecipientTypeId, x => x.Id, x => x.Title),
            Purposes = [.. s.Why.PurposeIds.Select(id => T(l.Purposes, id, x => x.Id, x => x.Title))],
            LegalBasis = basis?.Title ?? Words(s.LegalBasis.Article6BasisId),
            StatutoryFunction = s.LegalBasis.StatutoryFunctionId is { } f
                ? T(l.StatutoryFunctions, f, x => x.Id, x => x.Title)
                : null,
            Article9Condition = s.LegalBasis.Article9ConditionId is { } a9 ? article9?.Title ?? Words(a9) : null,
            CriminalOffenceCondition = s.LegalBasis.CriminalOffenceConditionId is { } a10 ? criminal?.Title ?? Words(a10) : null,
            ConditionNotes = [.. new[] { article9?.Explanation, criminal?.Explanation }.OfType<string>().Where(e => e.Length > 0).Distinct(StringComparer.Ordinal)],
            ConsentStatus = T(l.ConsentStatuses, s.Consent.ConsentStatusId, x => x.Id, x => x.Title),
            Warnings = warnings,
            RequiresDpo = s.Routing.DpoRequired,
            RequiresPreventLead = s.Routing.PreventLeadRequired,
            PolicyVersion = s.PolicyVersion,
        };
    }

    /// <summary>
    /// Why the Data Protection Officer must also decide, as the policy's own sentences (the <c>dpoReason</c> of the chosen
    /// category, recipient type or agreement answer), never the routing codes.
    /// </summary>
    public static IReadOnlyList<string> DpoReasons(RequestSubmission s, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(policy);
        var l = policy.Lists;
        var reasons = new List<string>();
        foreach (var code in s.Routing.DpoReasons)
        {
            IEnumerable<string> sentences = code switch
            {
                CrossChecks.DpoReasonOtherCategory => l.DataCategories.Where(c => c.RoutesToDpo && s.What.CategoryIds.Contains(c.Id, StringComparer.Ordinal)).Select(c => c.DpoReason),
                CrossChecks.DpoReasonOtherOrganisation => l.RecipientTypes.Where(r => r.RoutesToDpo && r.Id == s.WithWhom.RecipientTypeId).Select(r => r.DpoReason),
                CrossChecks.DpoReasonNoAgreement => l.AgreementStatuses.Where(a => a.RoutesToDpo && a.Id == s.WithWhom.AgreementStatusId).Select(a => a.DpoReason),
                _ => [],
            };
            var found = sentences.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
            reasons.AddRange(found.Count > 0 ? found : [Sentence(CrossChecks.DescribeDpoReason(code))]);
        }

        return [.. reasons.Distinct(StringComparer.Ordinal)];
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
                    .. s.Necessity.Checks.Select(c => I(T(l.NecessityChecks, c.CheckId, x => x.Id, x => x.Title), Answer(c))),
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

    /// <summary>A necessity check as a sentence: "Yes", or "No: " and the practitioner's explanation.</summary>
    private static string Answer(NecessityCheckAnswer check) =>
        check.Met ? "Yes" : string.IsNullOrWhiteSpace(check.Explanation) ? "No" : "No: " + check.Explanation.Trim();

    /// <summary>The policy title of an id; an id the current policy no longer lists reads as words, never as the id.</summary>
    private static string T<TItem>(IReadOnlyList<TItem> list, string? id, Func<TItem, string> idOf, Func<TItem, string> titleOf) =>
        list.FirstOrDefault(x => string.Equals(idOf(x), id, StringComparison.Ordinal)) is { } item ? titleOf(item) : id is null ? "—" : Words(id);

    /// <summary>"recipient-needs" → "Recipient needs" (only for an id the current policy no longer lists).</summary>
    private static string Words(string id)
    {
        var words = id.Replace('-', ' ').Trim();
        return words.Length == 0 ? "—" : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static string Sentence(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + (text.EndsWith('.') ? string.Empty : ".");
}
