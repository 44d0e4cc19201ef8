using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// Step 5, the legal basis: Article 6 and the statutory function, and the Article 9 and criminal-offence conditions
/// only when step 2's answers need them (cross-check 1), with cross-checks 2 (paragraph 18) and 5a (the appropriate
/// policy document).
/// </summary>
internal sealed class LegalBasisStep : StepForm
{
    public override IReadOnlyList<FormField> Fields(PolicyDocument policy, DraftAnswers answers)
    {
        var lists = policy.Lists;
        var fields = new List<FormField>
        {
            FormFields.Single(FieldIds.Article6Basis, "Lawful basis (Article 6)", CrossChecks.VisibleArticle6Bases(policy).Select(b => new ChoiceOption(b.Id, b.Title))),
            FormFields.Single(FieldIds.StatutoryFunction, "The statutory function you rely on (choose None only for vital interests or consent)", lists.StatutoryFunctions.Where(f => !f.Retired).Select(f => new ChoiceOption(f.Id, f.Title))),
            FormFields.Text(FieldIds.StatutoryFunctionDetail, "If you chose Other: which function?", policy.Limits.Detail),
        };
        if (CrossChecks.Article9(answers, policy) != ConditionRequirement.Hidden)
        {
            fields.Add(FormFields.Single(FieldIds.Article9Condition, "Special category information: the Article 9 condition", lists.Article9Conditions.Select(c => new ChoiceOption(c.Id, c.Title))));
        }

        var criminal = CrossChecks.CriminalOffence(answers, policy);
        if (criminal != ConditionRequirement.Hidden)
        {
            var optional = criminal == ConditionRequirement.Optional;
            fields.Add(FormFields.Single(
                FieldIds.CriminalOffenceCondition,
                optional ? "Criminal offence information, if any: the condition (optional)" : "Criminal offence information: the condition (Article 10 and DPA 2018 s.10(5))",
                lists.CriminalOffenceConditions.Select(c => new ChoiceOption(c.Id, c.Title)),
                required: !optional));
        }

        return fields;
    }

    public override DraftAnswers Read(FieldReader reader, DraftAnswers answers, PolicyDocument policy, DateOnly todayUk)
    {
        var lists = policy.Lists;
        var basisId = reader.Choice(FieldIds.Article6Basis, CrossChecks.VisibleArticle6Bases(policy).Select(b => b.Id));
        var basis = lists.Article6Bases.FirstOrDefault(b => b.Id == basisId);
        var functionId = reader.Choice(FieldIds.StatutoryFunction, lists.StatutoryFunctions.Where(f => !f.Retired).Select(f => f.Id), required: false);
        var notApplicable = lists.StatutoryFunctions.Any(f => f.NotApplicable && f.Id == functionId);
        if (basis is { RequiresStatutoryFunction: true } && (functionId is null || notApplicable) && !reader.HasError(FieldIds.StatutoryFunction))
        {
            reader.Error(FieldIds.StatutoryFunction, "Choose the statutory function you rely on for this basis.");
        }

        string? functionDetail = null;
        if (lists.StatutoryFunctions.Any(f => f.RequiresDetail && f.Id == functionId))
        {
            functionDetail = reader.Text(FieldIds.StatutoryFunctionDetail, policy.Limits.Detail, required: true, "You chose Other: say which function.");
        }

        // Cross-check 1: the conditions are asked only when they apply, and then required.
        string? article9 = null;
        if (CrossChecks.Article9(answers, policy) == ConditionRequirement.Required)
        {
            if (reader.Raw(FieldIds.Article9Condition) is null)
            {
                reader.Error(FieldIds.Article9Condition, "At step 2 you said the information reveals special category data (" + CrossChecks.DescribeSpecialCategoryContent(answers, policy) + "), so an Article 9 condition is required.");
            }
            else
            {
                article9 = reader.Choice(FieldIds.Article9Condition, lists.Article9Conditions.Select(c => c.Id));
            }
        }

        string? criminal = null;
        var criminalRequirement = CrossChecks.CriminalOffence(answers, policy);
        if (criminalRequirement != ConditionRequirement.Hidden)
        {
            if (criminalRequirement == ConditionRequirement.Required && reader.Raw(FieldIds.CriminalOffenceCondition) is null)
            {
                reader.Error(FieldIds.CriminalOffenceCondition, "At step 2 you said the information includes allegations, offences, convictions or proceedings (or chose offending history), so a criminal offence data condition is required.");
            }
            else
            {
                criminal = reader.Choice(FieldIds.CriminalOffenceCondition, lists.CriminalOffenceConditions.Select(c => c.Id), required: false);
            }
        }

        CheckPolicyDocument(reader, policy, article9, criminal);
        CheckParagraph18(reader, answers, policy, article9, criminal);
        if (basisId is null || reader.Errors.Count > 0)
        {
            return answers;
        }

        return answers with
        {
            LegalBasis = new LegalBasisAnswers
            {
                Article6BasisId = basisId,
                StatutoryFunctionId = functionId,
                StatutoryFunctionDetail = functionDetail,
                Article9ConditionId = article9,
                CriminalOffenceConditionId = criminal,
            },
        };
    }

    public override void Prefill(Dictionary<string, string> values, DraftAnswers answers, PolicyDocument policy)
    {
        if (answers.LegalBasis is not { } l)
        {
            var defaultBasis = CrossChecks.VisibleArticle6Bases(policy).FirstOrDefault(b => b.IsDefault);
            Put(values, FieldIds.Article6Basis, defaultBasis?.Id);
            return;
        }

        values[FieldIds.Article6Basis] = l.Article6BasisId;
        Put(values, FieldIds.StatutoryFunction, l.StatutoryFunctionId);
        Put(values, FieldIds.StatutoryFunctionDetail, l.StatutoryFunctionDetail);
        Put(values, FieldIds.Article9Condition, l.Article9ConditionId);
        Put(values, FieldIds.CriminalOffenceCondition, l.CriminalOffenceConditionId);
    }

    public override bool IsAnswered(DraftAnswers answers) => answers.LegalBasis is not null;

    public override IEnumerable<(string Title, string? Value)> Review(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        var lists = policy.Lists;
        var basis = answers.LegalBasis;
        var function = Title(lists.StatutoryFunctions.Select(f => (f.Id, f.Title)), basis?.StatutoryFunctionId);
        return
        [
            ("Article 6", Title(lists.Article6Bases.Select(b => (b.Id, b.Title)), basis?.Article6BasisId)),
            ("Statutory function", basis?.StatutoryFunctionDetail is { } detail ? $"{function}: {detail}" : function),
            ("Article 9 condition", Title(lists.Article9Conditions.Select(c => (c.Id, c.Title)), basis?.Article9ConditionId)),
            ("Criminal offence condition", Title(lists.CriminalOffenceConditions.Select(c => (c.Id, c.Title)), basis?.CriminalOffenceConditionId)),
        ];
    }

    /// <summary>Cross-check 5a: the Schedule 1 Part 2 conditions need an appropriate policy document.</summary>
    private static void CheckPolicyDocument(FieldReader reader, PolicyDocument policy, string? article9, string? criminal)
    {
        var lists = policy.Lists;
        var document = policy.Organisation.AppropriatePolicyDocument;
        if (document is { Held: true })
        {
            return;
        }

        var refusal = document?.Refusal is { Length: > 0 } text ? text : "This condition needs an appropriate policy document. Contact the Data Protection Officer.";
        if (lists.Article9Conditions.Any(c => c.RequiresAppropriatePolicyDocument && c.Id == article9))
        {
            reader.Error(FieldIds.Article9Condition, refusal);
        }

        if (lists.CriminalOffenceConditions.Any(c => c.RequiresAppropriatePolicyDocument && c.Id == criminal))
        {
            reader.Error(FieldIds.CriminalOffenceCondition, refusal);
        }
    }

    /// <summary>
    /// Cross-check 2 (first half): paragraph 18 protects a child or an adult at risk. It is tested on the person at risk
    /// (step 1), not on the data subject: sharing a parent's information to protect a child is the common case.
    /// </summary>
    private static void CheckParagraph18(FieldReader reader, DraftAnswers answers, PolicyDocument policy, string? article9, string? criminal)
    {
        var atRiskIds = answers.About?.AtRiskTypeIds ?? [];
        if (answers.About is null || atRiskIds.Any(id => policy.CrossChecks.Para18AtRiskTypeIds.Contains(id, StringComparer.Ordinal)))
        {
            return;
        }

        var atRisk = atRiskIds.Count == 0 ? "no one" : string.Join("; ", atRiskIds.Select(id => policy.Lists.AtRiskTypes.FirstOrDefault(s => s.Id == id)?.Title ?? id));
        var message = "Schedule 1 paragraph 18 is for protecting a child or an adult at risk; at step 1 you said who is at risk: " + atRisk + ".";
        if (article9 is not null && policy.CrossChecks.Para18ConditionIds.Contains(article9, StringComparer.Ordinal))
        {
            reader.Error(FieldIds.Article9Condition, message);
        }

        if (criminal is not null && policy.CrossChecks.Para18ConditionIds.Contains(criminal, StringComparer.Ordinal))
        {
            reader.Error(FieldIds.CriminalOffenceCondition, message);
        }
    }
}
