using System.Globalization;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The inputs of each step's form (steps 0 to 8), built from the policy lists and the answers so far
/// (step 5 shows the Article 9 and criminal-offence inputs only when they apply), and the values that
/// pre-fill a step from its saved answers.
/// </summary>
public static class StepForms
{
    public static string Title(DialogStep step, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var text = policy.Texts.Step((int)step);
        return step == DialogStep.Urgency
            ? $"Before you start: {text.Title}"
            : string.Create(CultureInfo.InvariantCulture, $"Step {(int)step} of 9: {text.Title}");
    }

    public static IReadOnlyList<FormField> Fields(DialogStep step, PolicyDocument policy, DraftAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(answers);
        var lists = policy.Lists;
        var limits = policy.Limits;
        return step switch
        {
            DialogStep.Urgency =>
            [
                YesNo(FieldIds.ImmediateDanger, "Is anyone in immediate danger or at risk of serious harm now?", required: true),
            ],
            DialogStep.About =>
            [
                Single(FieldIds.MatterType, "What kind of matter is this?", lists.MatterTypes.Select(i => new ChoiceOption(i.Id, i.Title)), expanded: true),
                Single(FieldIds.Direction, "Is this a request you received, or sharing you propose?", lists.Directions.Select(i => new ChoiceOption(i.Id, i.Title)), expanded: true),
                new FormField
                {
                    Id = FieldIds.CaseReference, Label = "Case reference (never a name)", Kind = FieldKind.Text, Required = true,
                    ErrorMessage = "Enter the case reference.", MaxLength = limits.CaseReference.Max,
                    Placeholder = policy.CaseReference.Example, Hint = policy.CaseReference.Explained,
                },
                new FormField
                {
                    Id = FieldIds.SubjectType, Label = "Who is the information about? (choose all that apply)",
                    Kind = FieldKind.MultiChoice, Required = true, ErrorMessage = "Choose who the information is about.",
                    Options = [.. lists.SubjectTypes.Select(i => new ChoiceOption(i.Id, i.Title))],
                },
                new FormField
                {
                    Id = FieldIds.AtRisk, Label = "Who is at risk? (choose all that apply; this may be someone other than the person the information is about)",
                    Kind = FieldKind.MultiChoice, Required = true, ErrorMessage = "Choose who is at risk.",
                    Options = [.. lists.AtRiskTypes.Select(i => new ChoiceOption(i.Id, i.Title))],
                },
            ],
            DialogStep.What =>
            [
                new FormField
                {
                    Id = FieldIds.Categories, Label = "What kinds of information? (choose all that apply)", Kind = FieldKind.MultiChoice,
                    Required = true, ErrorMessage = "Choose at least one kind of information.",
                    Options = [.. lists.DataCategories.Select(c => new ChoiceOption(c.Id, CategoryTitle(c)))],
                    Hint = "SC = special category data; CO = criminal offence data. They pre-tick the questions below; both need an extra legal condition at step 5.",
                },
                Text(FieldIds.OtherCategoryDetail, "If you chose Other: what kind of information?", limits.Detail),
                Text(FieldIds.ItemsDescription, "Describe the items briefly (not the information itself)", limits.ItemsDescription, required: true, multiline: true,
                    placeholder: "For example: the two most recent referrals and a summary chronology"),
                new FormField
                {
                    Id = FieldIds.SpecialCategoryContent, Label = policy.Texts.SpecialCategory.Question, Kind = FieldKind.MultiChoice,
                    Required = true, ErrorMessage = "Choose what it reveals, or 'None of these'.", Hint = policy.Texts.SpecialCategory.Hint,
                    Options = [.. lists.SpecialCategoryContent.Select(c => new ChoiceOption(c.Id, c.Title))],
                },
                YesNo(FieldIds.CriminalOffenceContent, policy.Texts.SpecialCategory.CriminalOffenceQuestion, required: true),
                YesNo(FieldIds.IdentifiesOthers, "Does it identify anyone else who could be harmed if identified (for example an informant or a sibling)?", required: true),
                Text(FieldIds.OthersProtection, "If yes: how will their identity be protected?", limits.Detail, multiline: true),
                YesNo(FieldIds.ContainsOpinion, "Does it contain opinion as well as fact?", required: true),
            ],
            DialogStep.WithWhom =>
            [
                Single(FieldIds.RecipientType, "Which kind of organisation will receive it?", lists.RecipientTypes.Select(i => new ChoiceOption(i.Id, i.Title))),
                Text(FieldIds.RecipientRole, "The recipient's team or role (not a person's name)", limits.ShortText, required: true, placeholder: "For example: MASH duty team"),
                YesNo(FieldIds.RecipientVerified, "Have you checked the recipient's identity and contact route?", required: true),
                AgreementField(lists),
                Single(FieldIds.SecureMethod, "How will it be shared?", lists.SecureMethods.Where(m => m.Allowed).Select(i => new ChoiceOption(i.Id, i.Title)), expanded: true),
            ],
            DialogStep.Why =>
            [
                new FormField
                {
                    Id = FieldIds.Purposes, Label = "Why share it? (choose all that apply)", Kind = FieldKind.MultiChoice,
                    Required = true, ErrorMessage = "Choose at least one purpose.",
                    Options = [.. lists.Purposes.Select(p => new ChoiceOption(p.Id, p.Title))],
                },
                Text(FieldIds.OtherPurposeDetail, "If you chose Other: what is the purpose?", limits.Detail),
                Text(FieldIds.ExpectedOutcome, "What outcome do you expect from sharing?", limits.ExpectedOutcome, required: true, multiline: true),
                Text(FieldIds.RiskIfNotShared, "What may happen if it is not shared?", limits.RiskIfNotShared, required: true, multiline: true),
                Single(FieldIds.Minimisation, "Could less information, or an anonymised consultation, meet the purpose?", lists.MinimisationOptions.Select(i => new ChoiceOption(i.Id, i.Title)), expanded: true),
            ],
            DialogStep.LegalBasis => LegalBasisFields(policy, answers),
            DialogStep.Necessity => NecessityFields(policy),
            DialogStep.Consent => ConsentFields(policy, answers),
            DialogStep.AdviceAndDeadline =>
            [
                Single(FieldIds.Advice, "Have you sought advice?", lists.AdviceOptions.Select(i => new ChoiceOption(i.Id, i.Title)), expanded: true),
                Text(FieldIds.AdviserRole, "If sought: the adviser's role (not their name)", limits.ShortText),
                YesNo(FieldIds.AdviceIdentified, "If sought: was the person identified to the adviser?"),
                Text(FieldIds.AdviceSummary, "If sought: a short summary of the advice", limits.Summary, multiline: true),
                Single(FieldIds.Deadline, "How soon is a decision needed?", DeadlineOptions(policy, answers).Select(i => new ChoiceOption(i.Id, i.Title)), expanded: true),
                new FormField { Id = FieldIds.DeadlineDate, Label = "If by a date: the date (UK)", Kind = FieldKind.Date },
            ],
            _ => [],
        };
    }

    /// <summary>The values that pre-fill a step from its saved answers (empty when the step has none yet).</summary>
    public static IReadOnlyDictionary<string, string> ValuesFromAnswers(DialogStep step, DraftAnswers answers, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(policy);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (step)
        {
            case DialogStep.Urgency when answers.Urgency is { } u:
                values[FieldIds.ImmediateDanger] = YesNoValue(u.ImmediateDanger);
                break;
            case DialogStep.About when answers.About is { } a:
                values[FieldIds.MatterType] = a.MatterTypeId;
                values[FieldIds.Direction] = a.DirectionId;
                values[FieldIds.CaseReference] = a.CaseReference;
                Put(values, FieldIds.SubjectType, a.AllSubjectTypeIds.Count == 0 ? null : string.Join(',', a.AllSubjectTypeIds));
                Put(values, FieldIds.AtRisk, a.AtRiskTypeIds.Count == 0 ? null : string.Join(',', a.AtRiskTypeIds));
                break;
            case DialogStep.What when answers.What is { } w:
                values[FieldIds.Categories] = string.Join(',', w.CategoryIds);
                Put(values, FieldIds.OtherCategoryDetail, w.OtherCategoryDetail);
                values[FieldIds.ItemsDescription] = w.ItemsDescription;
                // The categories pre-tick the content answers (also when they were changed since, e.g. a wider linked request).
                var chosen = policy.Lists.DataCategories.Where(c => w.CategoryIds.Contains(c.Id, StringComparer.Ordinal)).ToList();
                if (w.SpecialCategoryContentIds is { } content)
                {
                    var ticked = policy.Lists.SpecialCategoryContent
                        .Where(k => !k.None && (content.Contains(k.Id, StringComparer.Ordinal) || chosen.Any(c => c.RevealsSpecialCategory.Contains(k.Id, StringComparer.Ordinal))))
                        .Select(k => k.Id).ToList();
                    Put(values, FieldIds.SpecialCategoryContent, ticked.Count > 0
                        ? string.Join(',', ticked)
                        : policy.Lists.SpecialCategoryContent.FirstOrDefault(c => c.None)?.Id);
                }

                Put(values, FieldIds.CriminalOffenceContent, w.CriminalOffenceContent is { } offence ? YesNoValue(offence || chosen.Any(c => c.CriminalOffence)) : null);
                values[FieldIds.IdentifiesOthers] = YesNoValue(w.IdentifiesOthers);
                Put(values, FieldIds.OthersProtection, w.OthersProtection);
                values[FieldIds.ContainsOpinion] = YesNoValue(w.ContainsOpinion);
                break;
            case DialogStep.WithWhom when answers.WithWhom is { } r:
                values[FieldIds.RecipientType] = r.RecipientTypeId;
                values[FieldIds.RecipientRole] = r.RecipientRole;
                values[FieldIds.RecipientVerified] = YesNoValue(r.RecipientVerified);
                values[FieldIds.AgreementStatus] = r.AgreementStatusId;
                values[FieldIds.SecureMethod] = r.SecureMethodId;
                break;
            case DialogStep.Why when answers.Why is { } y:
                values[FieldIds.Purposes] = string.Join(',', y.PurposeIds);
                Put(values, FieldIds.OtherPurposeDetail, y.OtherPurposeDetail);
                values[FieldIds.ExpectedOutcome] = y.ExpectedOutcome;
                values[FieldIds.RiskIfNotShared] = y.RiskIfNotShared;
                Put(values, FieldIds.Minimisation, y.MinimisationId);
                break;
            case DialogStep.LegalBasis when answers.LegalBasis is { } l:
                values[FieldIds.Article6Basis] = l.Article6BasisId;
                Put(values, FieldIds.StatutoryFunction, l.StatutoryFunctionId);
                Put(values, FieldIds.StatutoryFunctionDetail, l.StatutoryFunctionDetail);
                Put(values, FieldIds.Article9Condition, l.Article9ConditionId);
                Put(values, FieldIds.CriminalOffenceCondition, l.CriminalOffenceConditionId);
                break;
            case DialogStep.LegalBasis:
                var defaultBasis = CrossChecks.VisibleArticle6Bases(policy).FirstOrDefault(b => b.IsDefault);
                Put(values, FieldIds.Article6Basis, defaultBasis?.Id);
                break;
            case DialogStep.Necessity when answers.Necessity is { } n:
                foreach (var check in n.Checks)
                {
                    values[FieldIds.NecessityCheck(check.CheckId)] = YesNoValue(check.Met);
                    Put(values, FieldIds.NecessityExplanation(check.CheckId), check.Explanation);
                }

                values[FieldIds.Justification] = n.Justification;
                break;
            case DialogStep.Consent when answers.Consent is { } c:
                Put(values, FieldIds.ConsentStatus, policy.Lists.ConsentStatuses.Any(s => s.NotAsked && s.Id == c.ConsentStatusId) ? null : c.ConsentStatusId);
                Put(values, FieldIds.ConsentGivenBy, c.ConsentGivenBy);
                Put(values, FieldIds.ConsentHow, c.ConsentHow);
                Put(values, FieldIds.ConsentGivenOn, c.ConsentGivenOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Put(values, FieldIds.ConsentReasons, c.ReasonIds.Count == 0 ? null : string.Join(',', c.ReasonIds));
                values[FieldIds.Informed] = c.InformedId;
                Put(values, FieldIds.InformedReasons, c.InformedReasonIds.Count == 0 ? null : string.Join(',', c.InformedReasonIds));
                Put(values, FieldIds.InformedReviewDate, c.InformedReviewDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Put(values, FieldIds.Views, c.Views);
                break;
            case DialogStep.AdviceAndDeadline when answers.Advice is { } d:
                values[FieldIds.Advice] = d.AdviceId;
                Put(values, FieldIds.AdviserRole, d.AdviserRole);
                Put(values, FieldIds.AdviceIdentified, d.PersonIdentified is { } identified ? YesNoValue(identified) : null);
                Put(values, FieldIds.AdviceSummary, d.AdviceSummary);
                values[FieldIds.Deadline] = d.DeadlineId;
                Put(values, FieldIds.DeadlineDate, d.DeadlineDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DialogStep.AdviceAndDeadline when Deadlines.UrgentPurposes(answers, policy).Count > 0:
                // An urgent purpose (a child protection referral) defaults to within one working day (§3).
                Put(values, FieldIds.Deadline, policy.Urgency.DefaultDeadlineId);
                break;
            default:
                break;
        }

        return values;
    }

    /// <summary>Step 8's deadlines: "routine" is not offered for an urgent purpose (§3).</summary>
    public static IReadOnlyList<DeadlineOption> DeadlineOptions(PolicyDocument policy, DraftAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var urgent = Deadlines.UrgentPurposes(answers, policy).Count > 0;
        return [.. policy.Lists.Deadlines.Where(d => !(urgent && d.Kind == DeadlineKind.Routine))];
    }

    public static string CategoryTitle(DataCategory category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var badges = (category.SpecialCategory ? " [SC]" : "") + (category.CriminalOffence ? " [CO]" : category.MayBeCriminalOffence ? " [may be CO]" : "");
        return category.Title + badges;
    }

    private static List<FormField> LegalBasisFields(PolicyDocument policy, DraftAnswers answers)
    {
        var lists = policy.Lists;
        var fields = new List<FormField>
        {
            Single(FieldIds.Article6Basis, "Lawful basis (Article 6)", CrossChecks.VisibleArticle6Bases(policy).Select(b => new ChoiceOption(b.Id, b.Title)), expanded: true),
            Single(FieldIds.StatutoryFunction, "The statutory function you rely on (choose None only for vital interests or consent)", lists.StatutoryFunctions.Where(f => !f.Retired).Select(f => new ChoiceOption(f.Id, f.Title)), expanded: true),
            Text(FieldIds.StatutoryFunctionDetail, "If you chose Other: which function?", policy.Limits.Detail),
        };
        if (CrossChecks.Article9(answers, policy) != ConditionRequirement.Hidden)
        {
            fields.Add(Single(FieldIds.Article9Condition, "Special category information: the Article 9 condition", lists.Article9Conditions.Select(c => new ChoiceOption(c.Id, c.Title)), expanded: true));
        }

        var criminal = CrossChecks.CriminalOffence(answers, policy);
        if (criminal != ConditionRequirement.Hidden)
        {
            var optional = criminal == ConditionRequirement.Optional;
            fields.Add(Single(
                FieldIds.CriminalOffenceCondition,
                optional ? "Criminal offence information, if any: the condition (optional)" : "Criminal offence information: the condition (Article 10 and DPA 2018 s.10(5))",
                lists.CriminalOffenceConditions.Select(c => new ChoiceOption(c.Id, c.Title)),
                expanded: true,
                required: !optional));
        }

        return fields;
    }

    /// <summary>
    /// Step 7: openness first (golden rule 2), then consent only where it matters (§3 step 7): who, how and when when
    /// consent is the basis; why it is not relied on with paragraph 10 or 18. Public task alone asks no consent question.
    /// </summary>
    private static List<FormField> ConsentFields(PolicyDocument policy, DraftAnswers answers)
    {
        var lists = policy.Lists;
        var limits = policy.Limits;
        var fields = new List<FormField>
        {
            Single(FieldIds.Informed, "Has the person (or, for a child without enough understanding, a parent or carer) been told what will be shared, with whom and why?",
                lists.InformedOptions.Select(i => new ChoiceOption(i.Id, i.Title)), expanded: true),
            new()
            {
                Id = FieldIds.InformedReasons, Label = "If they will not be told: why not? (choose all that apply)", Kind = FieldKind.MultiChoice,
                Options = [.. lists.ConsentExceptionReasons.Select(r => new ChoiceOption(r.Id, r.Title))],
            },
            new() { Id = FieldIds.InformedReviewDate, Label = "If not yet decided: the date to review it", Kind = FieldKind.Date },
            Text(FieldIds.Views, "Views the person or their family expressed (optional)", limits.Views, multiline: true),
        };
        var (consentGiven, notReliedOn) = CrossChecks.ConsentQuestions(answers.LegalBasis, policy);
        if (consentGiven)
        {
            fields.Add(Single(FieldIds.ConsentStatus, "You rely on consent (step 5): has it been given?",
                lists.ConsentStatuses.Where(s => !s.NotAsked).Select(i => new ChoiceOption(i.Id, i.Title)), expanded: true));
            fields.Add(Text(FieldIds.ConsentGivenBy, "Who gave consent (their role, not their name)?", limits.ShortText, placeholder: "For example: the young person, a parent"));
            fields.Add(Text(FieldIds.ConsentHow, "How was it given?", limits.Detail, placeholder: "For example: verbally at a meeting, in writing"));
            fields.Add(new FormField { Id = FieldIds.ConsentGivenOn, Label = "When was it given?", Kind = FieldKind.Date });
        }

        if (notReliedOn)
        {
            fields.Add(new FormField
            {
                Id = FieldIds.ConsentReasons, Label = "You rely on Schedule 1 paragraph 10 or 18 (step 5): why is the person's consent not being relied on? (choose all that apply)",
                Kind = FieldKind.MultiChoice, Required = true, ErrorMessage = "Choose why consent is not being relied on.",
                Options = [.. lists.ConsentExceptionReasons.Select(r => new ChoiceOption(r.Id, r.Title))],
            });
        }

        return fields;
    }

    /// <summary>Cross-check 5: for the recipient types the organisation's own agreement covers, the answer is already yes.</summary>
    private static FormField AgreementField(PolicyLists lists)
    {
        var field = Single(FieldIds.AgreementStatus, "Is there an information sharing agreement with the recipient?", lists.AgreementStatuses.Select(i => new ChoiceOption(i.Id, i.Title)), expanded: true);
        var covered = lists.RecipientTypes.Where(r => r.CoveredByAgreement).Select(r => r.Title).ToList();
        var answer = lists.AgreementStatuses.FirstOrDefault(a => a.IsCoveredAnswer);
        var dpo = lists.AgreementStatuses.Where(a => a.RoutesToDpo).Select(a => $"\u201c{a.Title}\u201d").ToList();
        return covered.Count == 0 || answer is null
            ? field
            : field with
            {
                Required = false,
                ErrorMessage = null,
                Hint = $"Our own information sharing agreement already covers: {string.Join("; ", covered)}. For these, leave it blank and the answer is \u201c{answer.Title}\u201d."
                       + (dpo.Count == 0 ? "" : $" {string.Join(" or ", dpo)} also asks the Data Protection Officer."),
            };
    }

    private static List<FormField> NecessityFields(PolicyDocument policy)
    {
        var fields = new List<FormField>();
        foreach (var check in policy.Lists.AskedNecessityChecks)
        {
            fields.Add(YesNo(FieldIds.NecessityCheck(check.Id), check.Title, required: true));
            fields.Add(Text(FieldIds.NecessityExplanation(check.Id), $"If no: explain ({check.Title.ToLowerInvariant()})", policy.Limits.Explanation));
        }

        fields.Add(Text(FieldIds.Justification, "Why is sharing this information with this recipient necessary and proportionate?", policy.Limits.Justification, required: true, multiline: true));
        return fields;
    }

    private static FormField Single(string id, string label, IEnumerable<ChoiceOption> options, bool expanded = false, bool required = true) => new()
    {
        Id = id,
        Label = label,
        Kind = FieldKind.SingleChoice,
        Required = required,
        ErrorMessage = required ? "Choose an option." : null,
        Options = [.. options],
        Expanded = expanded,
        Placeholder = expanded ? null : "Choose…",
    };

    private static FormField YesNo(string id, string label, bool required = false) => new()
    {
        Id = id,
        Label = label,
        Kind = FieldKind.YesNo,
        Required = required,
        ErrorMessage = required ? "Answer yes or no." : null,
    };

    private static FormField Text(string id, string label, TextLimit limit, bool required = false, bool multiline = false, string? placeholder = null) => new()
    {
        Id = id,
        Label = label,
        Kind = multiline ? FieldKind.MultilineText : FieldKind.Text,
        Required = required,
        ErrorMessage = required ? "This answer is required." : null,
        MaxLength = limit.Max,
        Placeholder = placeholder,
        Hint = limit.Min > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{limit.Min} to {limit.Max} characters.")
            : string.Create(CultureInfo.InvariantCulture, $"Up to {limit.Max} characters."),
    };

    private static string YesNoValue(bool value) => value ? "yes" : "no";

    private static void Put(Dictionary<string, string> values, string id, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            values[id] = value;
        }
    }
}
