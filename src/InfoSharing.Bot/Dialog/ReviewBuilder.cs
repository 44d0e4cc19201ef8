using System.Globalization;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>Builds the review (step 9) from the answers: a summary of every answer, routing notes and warnings.</summary>
public static class ReviewBuilder
{
    public static IReadOnlyList<ReviewSection> Sections(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(policy);
        var lists = policy.Lists;
        var sections = new List<ReviewSection>();
        var about = answers.About;
        sections.Add(Section(policy, DialogStep.About,
        [
            ("Immediate danger", answers.Urgency?.ImmediateDanger == true ? "Yes" : "No"),
            ("Matter", Title(lists.MatterTypes, about?.MatterTypeId)),
            ("Received or proposed", Title(lists.Directions, about?.DirectionId)),
            ("Case reference", about?.CaseReference),
            ("About", Titles(lists.SubjectTypes, about?.AllSubjectTypeIds)),
            ("Who is at risk", Titles(lists.AtRiskTypes, about?.AtRiskTypeIds)),
        ]));

        var what = answers.What;
        sections.Add(Section(policy, DialogStep.What,
        [
            ("Kinds of information", what is null ? null : string.Join("; ", CrossChecks.ChosenCategories(answers, policy).Select(StepForms.CategoryTitle))),
            ("Other kind", what?.OtherCategoryDetail),
            ("Items", what?.ItemsDescription),
            ("Reveals (special category data)", what?.SpecialCategoryContentIds is { } content
                ? content.Count == 0 ? lists.SpecialCategoryContent.FirstOrDefault(k => k.None)?.Title : Titles(lists.SpecialCategoryContent.Select(k => (k.Id, k.Title)), content)
                : null),
            ("Allegations, offences, convictions or proceedings", YesNo(what?.CriminalOffenceContent)),
            ("Identifies others who could be harmed", YesNo(what?.IdentifiesOthers)),
            ("How they are protected", what?.OthersProtection),
            ("Opinion as well as fact", YesNo(what?.ContainsOpinion)),
        ]));

        var withWhom = answers.WithWhom;
        sections.Add(Section(policy, DialogStep.WithWhom,
        [
            ("Recipient", Title(lists.RecipientTypes.Select(r => (r.Id, r.Title)), withWhom?.RecipientTypeId)),
            ("Team or role", withWhom?.RecipientRole),
            ("Identity and route checked", YesNo(withWhom?.RecipientVerified)),
            ("Sharing agreement", Title(lists.AgreementStatuses.Select(a => (a.Id, a.Title)), withWhom?.AgreementStatusId)),
            ("Method", Title(lists.SecureMethods.Select(m => (m.Id, m.Title)), withWhom?.SecureMethodId)),
        ]));

        var why = answers.Why;
        sections.Add(Section(policy, DialogStep.Why,
        [
            ("Purposes", why is null ? null : Titles(lists.Purposes.Select(p => (p.Id, p.Title)), why.PurposeIds)),
            ("Other purpose", why?.OtherPurposeDetail),
            ("Expected outcome", why?.ExpectedOutcome),
            ("If not shared", why?.RiskIfNotShared),
            ("Could less do", Title(lists.MinimisationOptions.Select(m => (m.Id, m.Title)), why?.MinimisationId)),
            ("Reduced after the check", why is { ReducedAfterMinimisationCheck: true } ? "Yes" : null),
        ]));

        var basis = answers.LegalBasis;
        var function = Title(lists.StatutoryFunctions.Select(f => (f.Id, f.Title)), basis?.StatutoryFunctionId);
        sections.Add(Section(policy, DialogStep.LegalBasis,
        [
            ("Article 6", Title(lists.Article6Bases.Select(b => (b.Id, b.Title)), basis?.Article6BasisId)),
            ("Statutory function", basis?.StatutoryFunctionDetail is { } detail ? $"{function}: {detail}" : function),
            ("Article 9 condition", Title(lists.Article9Conditions.Select(c => (c.Id, c.Title)), basis?.Article9ConditionId)),
            ("Criminal offence condition", Title(lists.CriminalOffenceConditions.Select(c => (c.Id, c.Title)), basis?.CriminalOffenceConditionId)),
        ]));

        var necessity = answers.Necessity;
        var checks = new List<(string, string?)>();
        foreach (var check in lists.AskedNecessityChecks)
        {
            var answer = necessity?.Checks.FirstOrDefault(c => c.CheckId == check.Id);
            checks.Add((check.Title, answer is null ? null : answer.Met ? "Yes" : $"No: {answer.Explanation}"));
        }

        checks.Add(("Justification", necessity?.Justification));
        sections.Add(Section(policy, DialogStep.Necessity, checks));

        var consent = answers.Consent;
        sections.Add(Section(policy, DialogStep.Consent,
        [
            ("Person told", Title(lists.InformedOptions.Select(i => (i.Id, i.Title)), consent?.InformedId)),
            ("Why not told", consent?.InformedReason),
            ("Consent", Title(lists.ConsentStatuses.Select(s => (s.Id, s.Title)), consent?.ConsentStatusId)),
            ("Given by", consent?.ConsentGivenBy),
            ("How", consent?.ConsentHow),
            ("When", consent?.ConsentGivenOn is { } givenOn ? UkTime.FormatDate(givenOn) : null),
            ("Why consent is not relied on", consent is null || consent.ReasonIds.Count == 0 ? null : Titles(lists.ConsentExceptionReasons.Select(r => (r.Id, r.Title)), consent.ReasonIds)),
            ("Review date", consent?.InformedReviewDate is { } review ? UkTime.FormatDate(review) : null),
            ("Views expressed", consent?.Views),
        ]));

        var advice = answers.Advice;
        var due = advice is null ? null : Deadlines.DueByUtc(advice, policy, now);
        var deadline = Title(lists.Deadlines.Select(d => (d.Id, d.Title)), advice?.DeadlineId);
        sections.Add(Section(policy, DialogStep.AdviceAndDeadline,
        [
            ("Advice", Title(lists.AdviceOptions.Select(a => (a.Id, a.Title)), advice?.AdviceId)),
            ("Adviser's role", advice?.AdviserRole),
            ("Person identified to adviser", YesNo(advice?.PersonIdentified)),
            ("Advice summary", advice?.AdviceSummary),
            ("Deadline", advice?.DeadlineDate is { } byDate
                ? $"{deadline}: {UkTime.FormatDate(byDate)} (by the end of the day, UK time)"
                : due is { } dueBy ? $"{deadline} (by {UkTime.Format(dueBy)})" : deadline),
        ]));
        return sections;
    }

    /// <summary>Routing and reminder notes (cross-checks 5 and 6).</summary>
    public static IReadOnlyList<string> Notices(DraftAnswers answers, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var routing = CrossChecks.Routing(answers, policy);
        var notices = new List<string>();
        if (routing.DpoRequired)
        {
            notices.Add($"{policy.Texts.Notes.DpoRouting} (Because {string.Join("; ", routing.DpoReasons.Select(CrossChecks.DescribeDpoReason))}.)");
        }

        if (routing.PreventLeadRequired)
        {
            notices.Add(policy.Texts.Notes.PreventRouting);
        }

        if (routing.ChannelSupportConsentNote)
        {
            notices.Add(policy.Texts.Notes.ChannelSupportConsent);
        }

        return notices;
    }

    /// <summary>Points the approver should see.</summary>
    public static IReadOnlyList<RequestWarning> Warnings(DraftAnswers answers, PolicyDocument policy, IReadOnlyList<string> confirmedNoIdentifierFields)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(confirmedNoIdentifierFields);
        var warnings = new List<RequestWarning>();
        if (answers.WithWhom is { RecipientVerified: false })
        {
            warnings.Add(new("recipientNotVerified", "The recipient's identity and contact route have not been checked."));
        }

        if (answers.What is { IdentifiesOthers: true })
        {
            warnings.Add(new("identifiesOthers", "The information identifies other people who could be harmed if identified."));
        }

        foreach (var check in answers.Necessity?.Checks.Where(c => !c.Met) ?? [])
        {
            var title = policy.Lists.NecessityChecks.FirstOrDefault(c => c.Id == check.CheckId)?.Title ?? check.CheckId;
            warnings.Add(new("necessityNo:" + check.CheckId, $"Answered No: {title}."));
        }

        if (CrossChecks.UsesConsentBasis(answers.LegalBasis, policy))
        {
            warnings.Add(new("consentBasis", "Consent is relied on as a legal basis; it is rarely the right basis when a child or an adult at risk needs protecting."));
        }

        if (confirmedNoIdentifierFields.Count > 0)
        {
            warnings.Add(new("identifierConfirmed", string.Create(CultureInfo.InvariantCulture,
                $"The practitioner confirmed that {confirmedNoIdentifierFields.Count} flagged answer(s) contain no identifying information.")));
        }

        return warnings;
    }

    private static ReviewSection Section(PolicyDocument policy, DialogStep step, IEnumerable<(string Title, string? Value)> facts) => new()
    {
        Step = (int)step,
        Title = policy.Texts.Step((int)step).Title,
        Facts = [.. facts.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => new ReviewFact(f.Title, f.Value!))],
    };

    private static string? YesNo(bool? value) => value switch
    {
        true => "Yes",
        false => "No",
        null => null,
    };

    private static string? Title(IEnumerable<ChoiceItem> items, string? id) => Title(items.Select(i => (i.Id, i.Title)), id);

    private static string? Titles(IEnumerable<ChoiceItem> items, IReadOnlyList<string>? ids) =>
        ids is null || ids.Count == 0 ? null : string.Join("; ", ids.Select(id => Title(items, id)));

    private static string? Title(IEnumerable<(string Id, string Title)> items, string? id) =>
        id is null ? null : items.FirstOrDefault(i => i.Id == id).Title ?? id;

    private static string Titles(IEnumerable<(string Id, string Title)> items, IReadOnlyList<string> ids)
    {
        var list = items.ToList();
        return string.Join("; ", ids.Select(id => list.FirstOrDefault(i => i.Id == id).Title ?? id));
    }
}
