using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>Step 6, necessity and proportionality: each check the policy asks (explained when answered No) and the justification.</summary>
internal sealed class NecessityStep : StepForm
{
    public override IReadOnlyList<FormField> Fields(PolicyDocument policy, DraftAnswers answers)
    {
        var fields = new List<FormField>();
        foreach (var check in policy.Lists.AskedNecessityChecks)
        {
            fields.Add(FormFields.YesNo(FieldIds.NecessityCheck(check.Id), check.Title));
            fields.Add(FormFields.Text(FieldIds.NecessityExplanation(check.Id), $"If no: explain ({check.Title.ToLowerInvariant()})", policy.Limits.Explanation));
        }

        fields.Add(FormFields.Text(FieldIds.Justification, "Why is sharing this information with this recipient necessary and proportionate?", policy.Limits.Justification, required: true, multiline: true));
        return fields;
    }

    public override DraftAnswers Read(FieldReader reader, DraftAnswers answers, PolicyDocument policy, DateOnly todayUk)
    {
        var checks = new List<NecessityCheckAnswer>();
        foreach (var check in policy.Lists.AskedNecessityChecks)
        {
            var met = reader.YesNo(FieldIds.NecessityCheck(check.Id));
            string? explanation = null;
            if (met == false)
            {
                explanation = reader.Text(FieldIds.NecessityExplanation(check.Id), policy.Limits.Explanation, required: true, "You answered No: explain why.");
            }

            if (met is not null)
            {
                checks.Add(new NecessityCheckAnswer { CheckId = check.Id, Met = met.Value, Explanation = explanation });
            }
        }

        var justification = reader.Text(FieldIds.Justification, policy.Limits.Justification, required: true);
        if (reader.Errors.Count > 0 || justification is null)
        {
            return answers;
        }

        return answers with { Necessity = new NecessityAnswers { Checks = checks, Justification = justification } };
    }

    public override void Prefill(Dictionary<string, string> values, DraftAnswers answers, PolicyDocument policy)
    {
        if (answers.Necessity is not { } n)
        {
            return;
        }

        foreach (var check in n.Checks)
        {
            values[FieldIds.NecessityCheck(check.CheckId)] = YesNoValue(check.Met);
            Put(values, FieldIds.NecessityExplanation(check.CheckId), check.Explanation);
        }

        values[FieldIds.Justification] = n.Justification;
    }

    public override bool IsAnswered(DraftAnswers answers) => answers.Necessity is not null;

    public override IEnumerable<(string Title, string? Value)> Review(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        var necessity = answers.Necessity;
        var checks = new List<(string, string?)>();
        foreach (var check in policy.Lists.AskedNecessityChecks)
        {
            var answer = necessity?.Checks.FirstOrDefault(c => c.CheckId == check.Id);
            checks.Add((check.Title, answer is null ? null : answer.Met ? "Yes" : $"No: {answer.Explanation}"));
        }

        checks.Add(("Justification", necessity?.Justification));
        return checks;
    }
}
