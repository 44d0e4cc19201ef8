namespace InfoSharing.Bot.Policy;

/// <summary>Checks the <c>safeguarding</c> section of the policy (called by <see cref="PolicyValidator"/>).</summary>
internal static class SafeguardingPolicyValidator
{
    public static void Validate(List<string> errors, SafeguardingPolicy section, Action<List<string>, string, IReadOnlyList<(string Id, string Title)>> checkIds)
    {
        checkIds(errors, "safeguarding.ageBands", section.AgeBands.Select(i => (i.Id, i.Title)).ToList());
        checkIds(errors, "safeguarding.adviceOutcomes", section.AdviceOutcomes.Select(i => (i.Id, i.Title)).ToList());
        checkIds(errors, "safeguarding.outcomeOptions", section.OutcomeOptions.Select(i => (i.Id, i.Title)).ToList());
        checkIds(errors, "safeguarding.requesterToldOptions", section.RequesterToldOptions.Select(i => (i.Id, i.Title)).ToList());
        foreach (var kind in Enum.GetValues<OutcomeKind>())
        {
            var count = section.OutcomeOptions.Count(o => o.Kind == kind);
            if (count != 1)
            {
                errors.Add($"safeguarding.outcomeOptions must have exactly one option of kind {kind} (it has {count}).");
            }
        }

        foreach (var (name, text) in section.Texts.All().Where(t => string.IsNullOrWhiteSpace(t.Text)))
        {
            errors.Add($"safeguarding.texts.{name} is missing.");
        }
    }
}
