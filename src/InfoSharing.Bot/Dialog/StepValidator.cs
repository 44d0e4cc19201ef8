using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The server-side checks of every step (docs/domain.md §3) and the cross-checks of §4.4 that look back at earlier
/// answers, each in its step's own file (<see cref="StepForm"/>). Pure: the same values, answers, policy and time
/// always give the same outcome.
/// </summary>
public static class StepValidator
{
    public static StepOutcome Validate(DialogStep step, IReadOnlyDictionary<string, string> values, DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(policy);
        var reader = new FieldReader(values);
        var updated = StepForm.For(step)?.Read(reader, answers, policy, UkTime.Today(now)) ?? answers;
        return new StepOutcome
        {
            Errors = reader.Errors,
            IdentifierHits = IdentifierRule.Steps.Find(reader.FreeText, policy),
            Answers = reader.Errors.Count == 0 ? updated : answers,
        };
    }

    /// <summary>
    /// Re-checks steps 1 to 8 from the saved answers (before the review and at submit) and returns the first
    /// step that is incomplete or no longer valid (an edit, a date now past, a changed policy), or null.
    /// Identifiers are not re-checked: they were warned about, or confirmed, when entered.
    /// </summary>
    public static (DialogStep Step, StepOutcome Outcome)? FirstInvalidStep(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        for (var step = DialogStep.About; step <= DialogStep.AdviceAndDeadline; step++)
        {
            var form = StepForm.For(step)!;
            var outcome = Validate(step, StepForms.ValuesFromAnswers(step, answers, policy), answers, policy, now);
            if (!outcome.IsValid || !form.IsAnswered(answers))
            {
                var errors = new Dictionary<string, string>(outcome.Errors, StringComparer.Ordinal);
                form.RecheckSaved(answers, errors);
                return (step, outcome with { Errors = errors });
            }
        }

        return null;
    }
}
