using System.Text.RegularExpressions;

namespace InfoSharing.Bot.Policy;

/// <summary>Checks a policy document and returns every error at once (empty when valid).</summary>
public static class PolicyValidator
{
    /// <summary>Ids are stored in records and sent as choice values (comma-separated for multi-select): keep them simple.</summary>
    private static readonly Regex IdShape = new("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public const int MaxTextLimit = 4000;

    public const int StepCount = 10;

    public static IReadOnlyList<string> Validate(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(policy.Version))
        {
            errors.Add("version is missing.");
        }

        if (policy.DraftExpiryDays is < 1 or > 90)
        {
            errors.Add($"draftExpiryDays must be between 1 and 90 (it is {policy.DraftExpiryDays}).");
        }

        CheckRegex(errors, "caseReference.pattern", policy.CaseReference.Pattern);
        if (string.IsNullOrWhiteSpace(policy.CaseReference.Example))
        {
            errors.Add("caseReference.example is missing.");
        }
        else if (IsValidRegex(policy.CaseReference.Pattern)
            && !Regex.IsMatch(policy.CaseReference.Example, policy.CaseReference.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"caseReference.example '{policy.CaseReference.Example}' does not match caseReference.pattern.");
        }
        else if (!policy.CaseReference.AllowNumericOnly && CaseReferenceSettings.IsNumericOnly(policy.CaseReference.Example))
        {
            errors.Add($"caseReference.example '{policy.CaseReference.Example}' is digits only, but caseReference.allowNumericOnly is false.");
        }

        foreach (var (name, limit) in policy.Limits.All())
        {
            if (limit.Min < 0 || limit.Max <= 0 || limit.Min > limit.Max || limit.Max > MaxTextLimit)
            {
                errors.Add($"limits.{name} must have 0 <= min <= max <= {MaxTextLimit} and max > 0 (it is {limit.Min}-{limit.Max}).");
            }
        }

        CheckIdentifierPatterns(errors, policy.IdentifierPatterns);
        CheckLists(errors, policy.Lists, policy.Organisation);
        CheckAppropriatePolicyDocument(errors, policy);
        CheckUrgency(errors, policy);
        CheckCrossChecks(errors, policy);
        PolicyTextChecks.CheckTexts(errors, policy.Texts);
        SafeguardingPolicyValidator.Validate(errors, policy.Safeguarding, CheckIds);
        return errors;
    }

    private static void CheckIdentifierPatterns(List<string> errors, IReadOnlyList<IdentifierPattern> patterns)
    {
        if (patterns.Count == 0)
        {
            errors.Add("identifierPatterns is empty: cross-check 8 needs at least one pattern.");
        }

        CheckIds(errors, "identifierPatterns", patterns.Select(p => (p.Id, p.Title)).ToList());
        foreach (var pattern in patterns)
        {
            CheckRegex(errors, $"identifierPatterns '{pattern.Id}'.pattern", pattern.Pattern);
        }
    }

    private static void CheckLists(List<string> errors, PolicyLists lists, OrganisationSettings organisation)
    {
        CheckIds(errors, "lists.matterTypes", lists.MatterTypes.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.directions", lists.Directions.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.subjectTypes", lists.SubjectTypes.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.atRiskTypes", lists.AtRiskTypes.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.dataCategories", lists.DataCategories.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.specialCategoryContent", lists.SpecialCategoryContent.Select(i => (i.Id, i.Title)).ToList());
        if (lists.SpecialCategoryContent.Count > 0 && lists.SpecialCategoryContent.Count(c => c.None) != 1)
        {
            errors.Add("lists.specialCategoryContent needs exactly one 'none' answer.");
        }

        var contentIds = lists.SpecialCategoryContent.Where(c => !c.None).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var category in lists.DataCategories)
        {
            if (category.SpecialCategory && category.RevealsSpecialCategory.Count == 0)
            {
                errors.Add($"lists.dataCategories '{category.Id}' is special category but reveals no specialCategoryContent (revealsSpecialCategory).");
            }

            foreach (var reference in category.RevealsSpecialCategory.Where(r => !contentIds.Contains(r)))
            {
                errors.Add($"lists.dataCategories '{category.Id}' reveals '{reference}', which is not a specialCategoryContent answer.");
            }
        }
        CheckIds(errors, "lists.recipientTypes", lists.RecipientTypes.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.agreementStatuses", lists.AgreementStatuses.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.secureMethods", lists.SecureMethods.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.purposes", lists.Purposes.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.minimisationOptions", lists.MinimisationOptions.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.article6Bases", lists.Article6Bases.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.statutoryFunctions", lists.StatutoryFunctions.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.article9Conditions", lists.Article9Conditions.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.criminalOffenceConditions", lists.CriminalOffenceConditions.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.necessityChecks", lists.NecessityChecks.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.consentStatuses", lists.ConsentStatuses.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.consentExceptionReasons", lists.ConsentExceptionReasons.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.informedOptions", lists.InformedOptions.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.adviceOptions", lists.AdviceOptions.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.deadlines", lists.Deadlines.Select(i => (i.Id, i.Title)).ToList());
        CheckIds(errors, "lists.declineReasons", lists.DeclineReasons.Select(i => (i.Id, i.Title)).ToList());
        PolicyTextChecks.CheckApproverTexts(errors, lists);

        if (lists.SecureMethods.Count > 0 && !lists.SecureMethods.Any(m => m.Allowed))
        {
            errors.Add("lists.secureMethods has no allowed method.");
        }

        foreach (var method in lists.SecureMethods.Where(m => !m.Allowed && string.IsNullOrWhiteSpace(m.DisallowedReason)))
        {
            errors.Add($"lists.secureMethods '{method.Id}' is not allowed but has no disallowedReason.");
        }

        var visibleBases = lists.Article6Bases.Where(b => !(organisation.IsPublicAuthority && b.HiddenForPublicAuthority)).ToList();
        var defaults = lists.Article6Bases.Where(b => b.IsDefault).ToList();
        if (lists.Article6Bases.Count > 0 && defaults.Count != 1)
        {
            errors.Add($"lists.article6Bases must have exactly one isDefault basis (it has {defaults.Count}).");
        }
        else if (defaults.Count == 1 && !visibleBases.Contains(defaults[0]))
        {
            errors.Add($"lists.article6Bases default '{defaults[0].Id}' is hidden for a public authority.");
        }

        if (lists.ConsentStatuses.Count > 0 && !lists.ConsentStatuses.Any(s => s.IsGiven))
        {
            errors.Add("lists.consentStatuses needs one status with isGiven.");
        }

        if (lists.ConsentStatuses.Count > 0 && lists.ConsentStatuses.Count(s => s.NotAsked) != 1)
        {
            errors.Add("lists.consentStatuses needs exactly one status with notAsked (consent not the basis relied on).");
        }

        if (lists.AskedNecessityChecks.Count() > 10)
        {
            errors.Add("lists.necessityChecks has more than 10 checks.");
        }

        foreach (var deadline in lists.Deadlines.Where(d => d.Kind == DeadlineKind.WithinHours && d.Hours is < 1 or > 168))
        {
            errors.Add($"lists.deadlines '{deadline.Id}' needs hours between 1 and 168 (it is {deadline.Hours}).");
        }

        foreach (var deadline in lists.Deadlines.Where(d => d.Kind == DeadlineKind.WithinWorkingDays && d.WorkingDays is < 1 or > 10))
        {
            errors.Add($"lists.deadlines '{deadline.Id}' needs workingDays between 1 and 10 (it is {deadline.WorkingDays}).");
        }

        foreach (var deadline in lists.Deadlines.Where(d => d.EndsAtHour is < 0 or > 23))
        {
            errors.Add($"lists.deadlines '{deadline.Id}' needs endsAtHour between 0 and 23 (it is {deadline.EndsAtHour}).");
        }
    }

    private static void CheckAppropriatePolicyDocument(List<string> errors, PolicyDocument policy)
    {
        var lists = policy.Lists;
        if (!lists.Article9Conditions.Concat(lists.CriminalOffenceConditions).Any(c => c.RequiresAppropriatePolicyDocument))
        {
            return;
        }

        var document = policy.Organisation.AppropriatePolicyDocument;
        if (document is null)
        {
            errors.Add("organisation.appropriatePolicyDocument is missing: Schedule 1 Part 2 conditions need it (held, reference, refusal).");
            return;
        }

        if (document.Held && string.IsNullOrWhiteSpace(document.Reference))
        {
            errors.Add("organisation.appropriatePolicyDocument is held but has no reference.");
        }

        if (string.IsNullOrWhiteSpace(document.Refusal))
        {
            errors.Add("organisation.appropriatePolicyDocument.refusal is missing.");
        }
    }

    private static void CheckUrgency(List<string> errors, PolicyDocument policy)
    {
        if (!policy.Lists.Purposes.Any(p => p.Urgent))
        {
            return;
        }

        var urgency = policy.Urgency;
        var deadline = policy.Lists.Deadlines.FirstOrDefault(d => d.Id == urgency.DefaultDeadlineId);
        if (deadline is null)
        {
            errors.Add($"urgency.defaultDeadlineId '{urgency.DefaultDeadlineId}' is not in lists.deadlines (urgent purposes need it).");
        }
        else if (deadline.Kind == DeadlineKind.Routine)
        {
            errors.Add($"urgency.defaultDeadlineId '{deadline.Id}' must not be a routine deadline.");
        }

        if (string.IsNullOrWhiteSpace(urgency.RoutineRefusal))
        {
            errors.Add("urgency.routineRefusal is missing.");
        }
    }

    /// <summary>What the approval card reads as sentences (domain §7): routing reasons, condition explanations, the functions' bases.</summary>
    private static void CheckCrossChecks(List<string> errors, PolicyDocument policy)
    {
        var rules = policy.CrossChecks;
        var lists = policy.Lists;
        var conditionIds = lists.Article9Conditions.Select(c => c.Id).Concat(lists.CriminalOffenceConditions.Select(c => c.Id)).ToHashSet(StringComparer.Ordinal);
        var reasonIds = lists.ConsentExceptionReasons.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var atRiskIds = lists.AtRiskTypes.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        CheckReferences(errors, "crossChecks.para18ConditionIds", rules.Para18ConditionIds, conditionIds, "article9Conditions or criminalOffenceConditions");
        CheckReferences(errors, "crossChecks.para18AtRiskTypeIds", rules.Para18AtRiskTypeIds, atRiskIds, "atRiskTypes");
        CheckReferences(errors, "crossChecks.para18ConsentReasonIds", rules.Para18ConsentReasonIds, reasonIds, "consentExceptionReasons");
        CheckReferences(errors, "crossChecks.para10ConditionIds", rules.Para10ConditionIds, conditionIds, "article9Conditions or criminalOffenceConditions");
        CheckReferences(errors, "crossChecks.para10ConsentReasonIds", rules.Para10ConsentReasonIds, reasonIds, "consentExceptionReasons");
    }

    private static void CheckIds(List<string> errors, string list, IReadOnlyList<(string Id, string Title)> items)
    {
        if (items.Count == 0)
        {
            errors.Add($"{list} is missing or empty.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var (id, title) = items[i];
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add($"{list}[{i}] has no id.");
            }
            else if (!IdShape.IsMatch(id))
            {
                errors.Add($"{list} id '{id}' must be lower-case letters, digits and hyphens (at most 64).");
            }
            else if (!seen.Add(id))
            {
                errors.Add($"{list} has a duplicate id '{id}'.");
            }

            if (string.IsNullOrWhiteSpace(title))
            {
                errors.Add($"{list}[{i}] ('{id}') has no title.");
            }
        }
    }

    private static void CheckReferences(List<string> errors, string name, IReadOnlyList<string> references, HashSet<string> known, string listName)
    {
        if (references.Count == 0)
        {
            errors.Add($"{name} is empty.");
        }

        foreach (var reference in references.Where(r => !known.Contains(r)))
        {
            errors.Add($"{name} refers to '{reference}', which is not in {listName}.");
        }
    }

    private static void CheckRegex(List<string> errors, string name, string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            errors.Add($"{name} is missing.");
            return;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{name} is not a valid regular expression: {ex.Message}");
        }
    }

    private static bool IsValidRegex(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return false;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
