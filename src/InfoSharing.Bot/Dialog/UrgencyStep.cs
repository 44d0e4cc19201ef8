using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>Step 0, before you start: is anyone in immediate danger? (Its answer is shown in the review's step 1 section.)</summary>
internal sealed class UrgencyStep : StepForm
{
    public override IReadOnlyList<FormField> Fields(PolicyDocument policy, DraftAnswers answers) =>
    [
        FormFields.YesNo(FieldIds.ImmediateDanger, "Is anyone in immediate danger or at risk of serious harm now?"),
    ];

    public override DraftAnswers Read(FieldReader reader, DraftAnswers answers, PolicyDocument policy, DateOnly todayUk)
    {
        var danger = reader.YesNo(FieldIds.ImmediateDanger);
        return danger is null ? answers : answers with { Urgency = new UrgencyAnswers { ImmediateDanger = danger.Value } };
    }

    public override void Prefill(Dictionary<string, string> values, DraftAnswers answers, PolicyDocument policy)
    {
        if (answers.Urgency is { } u)
        {
            values[FieldIds.ImmediateDanger] = YesNoValue(u.ImmediateDanger);
        }
    }

    public override bool IsAnswered(DraftAnswers answers) => answers.Urgency is not null;

    public override IEnumerable<(string Title, string? Value)> Review(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now) => [];
}
