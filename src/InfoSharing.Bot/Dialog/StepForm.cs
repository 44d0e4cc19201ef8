using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// One step of the dialog (steps 0 to 8 of docs/domain.md §3) in one place: its inputs, its checks (including the
/// cross-checks that look back at earlier answers), the values that pre-fill it from its saved answers, and its
/// section of the review. Pure: the same values, answers, policy and date always give the same outcome.
/// </summary>
internal abstract class StepForm
{
    private static readonly StepForm[] Steps =
    [
        new UrgencyStep(), new AboutStep(), new WhatStep(), new WithWhomStep(), new WhyStep(),
        new LegalBasisStep(), new NecessityStep(), new ConsentStep(), new AdviceAndDeadlineStep(),
    ];

    /// <summary>The form of a step, or null for the review (step 9), which has no inputs of its own.</summary>
    public static StepForm? For(DialogStep step) => step >= DialogStep.Urgency && (int)step < Steps.Length ? Steps[(int)step] : null;

    public abstract IReadOnlyList<FormField> Fields(PolicyDocument policy, DraftAnswers answers);

    /// <summary>Reads the submitted values (errors go to the reader) and returns the answers with this step's section saved when complete.</summary>
    public abstract DraftAnswers Read(FieldReader reader, DraftAnswers answers, PolicyDocument policy, DateOnly todayUk);

    /// <summary>Puts the values that pre-fill the step from its saved answers (or its defaults) into <paramref name="values"/>.</summary>
    public abstract void Prefill(Dictionary<string, string> values, DraftAnswers answers, PolicyDocument policy);

    /// <summary>Whether the answers hold this step's section, complete.</summary>
    public abstract bool IsAnswered(DraftAnswers answers);

    /// <summary>When the saved answers are re-checked (before the review): errors that the values alone do not show.</summary>
    public virtual void RecheckSaved(DraftAnswers answers, Dictionary<string, string> errors)
    {
    }

    /// <summary>The facts of this step's section of the review (empty values are left out).</summary>
    public abstract IEnumerable<(string Title, string? Value)> Review(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now);

    protected static string YesNoValue(bool value) => value ? "yes" : "no";

    protected static void Put(Dictionary<string, string> values, string id, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            values[id] = value;
        }
    }

    protected static string? YesNoText(bool? value) => value switch
    {
        true => "Yes",
        false => "No",
        null => null,
    };

    protected static string? Title(IEnumerable<ChoiceItem> items, string? id) => Title(items.Select(i => (i.Id, i.Title)), id);

    protected static string? Titles(IEnumerable<ChoiceItem> items, IReadOnlyList<string>? ids) =>
        ids is null || ids.Count == 0 ? null : string.Join("; ", ids.Select(id => Title(items, id)));

    protected static string? Title(IEnumerable<(string Id, string Title)> items, string? id) =>
        id is null ? null : items.FirstOrDefault(i => i.Id == id).Title ?? id;

    protected static string Titles(IEnumerable<(string Id, string Title)> items, IReadOnlyList<string> ids)
    {
        var list = items.ToList();
        return string.Join("; ", ids.Select(id => list.FirstOrDefault(i => i.Id == id).Title ?? id));
    }
}
