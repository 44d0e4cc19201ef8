using System.Globalization;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The inputs of each step's form (steps 0 to 8), built from the policy lists and the answers so far, and the values
/// that pre-fill a step from its saved answers. Each step's own file (<see cref="StepForm"/>) holds them.
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
        return StepForm.For(step)?.Fields(policy, answers) ?? [];
    }

    /// <summary>The values that pre-fill a step from its saved answers (empty when the step has none yet).</summary>
    public static IReadOnlyDictionary<string, string> ValuesFromAnswers(DialogStep step, DraftAnswers answers, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(policy);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        StepForm.For(step)?.Prefill(values, answers, policy);
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
}
