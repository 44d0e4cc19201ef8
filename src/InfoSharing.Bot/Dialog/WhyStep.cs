using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>Step 4, why: the purposes, the expected outcome, the risk if not shared, and whether less would do (minimisation).</summary>
internal sealed class WhyStep : StepForm
{
    public override IReadOnlyList<FormField> Fields(PolicyDocument policy, DraftAnswers answers)
    {
        var lists = policy.Lists;
        var limits = policy.Limits;
        return
        [
            FormFields.Multi(FieldIds.Purposes, "Why share it? (choose all that apply)", lists.Purposes.Select(p => new ChoiceOption(p.Id, p.Title)),
                required: true, errorMessage: "Choose at least one purpose."),
            FormFields.Text(FieldIds.OtherPurposeDetail, "If you chose Other: what is the purpose?", limits.Detail),
            FormFields.Text(FieldIds.ExpectedOutcome, "What outcome do you expect from sharing?", limits.ExpectedOutcome, required: true, multiline: true),
            FormFields.Text(FieldIds.RiskIfNotShared, "What may happen if it is not shared?", limits.RiskIfNotShared, required: true, multiline: true),
            FormFields.Single(FieldIds.Minimisation, "Could less information, or an anonymised consultation, meet the purpose?", lists.MinimisationOptions.Select(i => new ChoiceOption(i.Id, i.Title))),
        ];
    }

    public override DraftAnswers Read(FieldReader reader, DraftAnswers answers, PolicyDocument policy, DateOnly todayUk)
    {
        var purposes = policy.Lists.Purposes;
        var chosen = reader.Choices(FieldIds.Purposes, purposes.Select(p => p.Id), required: true, "Choose at least one purpose.");
        string? otherDetail = null;
        if (purposes.Any(p => p.RequiresDetail && chosen.Contains(p.Id)))
        {
            otherDetail = reader.Text(FieldIds.OtherPurposeDetail, policy.Limits.Detail, required: true, "You chose Other: say what the purpose is.");
        }

        var outcome = reader.Text(FieldIds.ExpectedOutcome, policy.Limits.ExpectedOutcome, required: true);
        var risk = reader.Text(FieldIds.RiskIfNotShared, policy.Limits.RiskIfNotShared, required: true);
        var minimisation = reader.Choice(FieldIds.Minimisation, policy.Lists.MinimisationOptions.Select(m => m.Id));
        if (chosen.Count == 0 || outcome is null || risk is null || minimisation is null)
        {
            return answers;
        }

        return answers with
        {
            Why = new WhyAnswers
            {
                PurposeIds = chosen,
                OtherPurposeDetail = otherDetail,
                ExpectedOutcome = outcome,
                RiskIfNotShared = risk,
                MinimisationId = minimisation,
                ReducedAfterMinimisationCheck = answers.Why?.ReducedAfterMinimisationCheck ?? false,
            },
        };
    }

    public override void Prefill(Dictionary<string, string> values, DraftAnswers answers, PolicyDocument policy)
    {
        if (answers.Why is not { } y)
        {
            return;
        }

        values[FieldIds.Purposes] = string.Join(',', y.PurposeIds);
        Put(values, FieldIds.OtherPurposeDetail, y.OtherPurposeDetail);
        values[FieldIds.ExpectedOutcome] = y.ExpectedOutcome;
        values[FieldIds.RiskIfNotShared] = y.RiskIfNotShared;
        Put(values, FieldIds.Minimisation, y.MinimisationId);
    }

    /// <summary>Answered, and the minimisation question answered again after the information was reduced.</summary>
    public override bool IsAnswered(DraftAnswers answers) => answers.Why is { MinimisationId: not null };

    public override void RecheckSaved(DraftAnswers answers, Dictionary<string, string> errors)
    {
        if (answers.Why is { MinimisationId: null })
        {
            errors[FieldIds.Minimisation] = "Now that you have reduced what you share, answer this again.";
        }
    }

    public override IEnumerable<(string Title, string? Value)> Review(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        var lists = policy.Lists;
        var why = answers.Why;
        return
        [
            ("Purposes", why is null ? null : Titles(lists.Purposes.Select(p => (p.Id, p.Title)), why.PurposeIds)),
            ("Other purpose", why?.OtherPurposeDetail),
            ("Expected outcome", why?.ExpectedOutcome),
            ("If not shared", why?.RiskIfNotShared),
            ("Could less do", Title(lists.MinimisationOptions.Select(m => (m.Id, m.Title)), why?.MinimisationId)),
            ("Reduced after the check", why is { ReducedAfterMinimisationCheck: true } ? "Yes" : null),
        ];
    }
}
