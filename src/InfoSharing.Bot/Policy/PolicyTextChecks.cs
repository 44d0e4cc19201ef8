namespace InfoSharing.Bot.Policy;

/// <summary>The policy's texts checked for <see cref="PolicyValidator"/>: every step's words, and the sentences the approval card shows.</summary>
internal static class PolicyTextChecks
{
    public static void CheckApproverTexts(List<string> errors, PolicyLists lists)
    {
        foreach (var id in lists.DataCategories.Where(c => c.RoutesToDpo && string.IsNullOrWhiteSpace(c.DpoReason)).Select(c => c.Id)
                     .Select(id => $"lists.dataCategories '{id}'")
                     .Concat(lists.RecipientTypes.Where(r => r.RoutesToDpo && string.IsNullOrWhiteSpace(r.DpoReason)).Select(r => $"lists.recipientTypes '{r.Id}'"))
                     .Concat(lists.AgreementStatuses.Where(a => a.RoutesToDpo && string.IsNullOrWhiteSpace(a.DpoReason)).Select(a => $"lists.agreementStatuses '{a.Id}'")))
        {
            errors.Add($"{id} routes to the DPO but has no dpoReason (the sentence the approval card shows).");
        }

        foreach (var (list, conditions) in new[] { ("lists.article9Conditions", lists.Article9Conditions), ("lists.criminalOffenceConditions", lists.CriminalOffenceConditions) })
        {
            foreach (var condition in conditions.Where(c => string.IsNullOrWhiteSpace(c.Explanation)))
            {
                errors.Add($"{list} '{condition.Id}' has no explanation (one plain sentence saying when it applies).");
            }
        }

        var bases = lists.Article6Bases.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var function in lists.StatutoryFunctions.Where(f => !string.IsNullOrEmpty(f.Article6BasisId) && !bases.Contains(f.Article6BasisId)))
        {
            errors.Add($"lists.statutoryFunctions '{function.Id}' refers to the basis '{function.Article6BasisId}', which is not in article6Bases.");
        }

        foreach (var recipient in lists.RecipientTypes.Where(r => r.CoveredByAgreement && r.RoutesToDpo))
        {
            errors.Add($"lists.recipientTypes '{recipient.Id}' cannot both be covered by the agreement and route to the DPO.");
        }

        var coveredAnswers = lists.AgreementStatuses.Where(a => a.IsCoveredAnswer).ToList();
        if (lists.RecipientTypes.Any(r => r.CoveredByAgreement) && coveredAnswers.Count != 1)
        {
            errors.Add($"lists.agreementStatuses needs exactly one isCoveredAnswer status, pre-selected for the recipient types the agreement covers (it has {coveredAnswers.Count}).");
        }

        foreach (var answer in coveredAnswers.Where(a => a.RoutesToDpo))
        {
            errors.Add($"lists.agreementStatuses '{answer.Id}' is the covered answer, so it cannot route to the DPO.");
        }
    }

    public static void CheckTexts(List<string> errors, PolicyTexts texts)
    {
        if (string.IsNullOrWhiteSpace(texts.Welcome))
        {
            errors.Add("texts.welcome is missing.");
        }

        if (texts.GoldenRules.Count == 0)
        {
            errors.Add("texts.goldenRules is empty.");
        }

        for (var step = 0; step < PolicyValidator.StepCount; step++)
        {
            var matches = texts.Steps.Where(s => s.Step == step).ToList();
            if (matches.Count != 1)
            {
                errors.Add($"texts.steps must have exactly one entry for step {step} (it has {matches.Count}).");
            }
            else if (string.IsNullOrWhiteSpace(matches[0].Title) || string.IsNullOrWhiteSpace(matches[0].Intro) || string.IsNullOrWhiteSpace(matches[0].Help))
            {
                errors.Add($"texts.steps step {step} needs a title, an intro and a help text.");
            }
        }

        foreach (var extra in texts.Steps.Where(s => s.Step is < 0 or >= PolicyValidator.StepCount))
        {
            errors.Add($"texts.steps has an unknown step {extra.Step}.");
        }

        var emergency = texts.Emergency;
        if (string.IsNullOrWhiteSpace(emergency.Heading) || emergency.ActNow.Count == 0 || string.IsNullOrWhiteSpace(emergency.ShareNow))
        {
            errors.Add("texts.emergency needs a heading, actNow lines and the shareNow statement.");
        }

        if (emergency.Contacts.Count == 0)
        {
            errors.Add("texts.emergency.contacts is empty.");
        }

        if (emergency.RetrospectiveRecordHours is < 1 or > 168)
        {
            errors.Add($"texts.emergency.retrospectiveRecordHours must be between 1 and 168 (it is {emergency.RetrospectiveRecordHours}).");
        }

        if (string.IsNullOrWhiteSpace(texts.SpecialCategory.Question) || string.IsNullOrWhiteSpace(texts.SpecialCategory.CriminalOffenceQuestion))
        {
            errors.Add("texts.specialCategory needs the question and the criminalOffenceQuestion of step 2.");
        }

        foreach (var (name, text) in texts.Notes.All().Where(n => string.IsNullOrWhiteSpace(n.Text)))
        {
            errors.Add($"texts.notes.{name} is missing.");
        }
    }
}
