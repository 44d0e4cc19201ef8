using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>Step 1, about the matter: its kind, received or proposed, the case reference, who it is about and who is at risk.</summary>
internal sealed class AboutStep : StepForm
{
    public override IReadOnlyList<FormField> Fields(PolicyDocument policy, DraftAnswers answers)
    {
        var lists = policy.Lists;
        return
        [
            FormFields.Single(FieldIds.MatterType, "What kind of matter is this?", lists.MatterTypes.Select(i => new ChoiceOption(i.Id, i.Title))),
            FormFields.Single(FieldIds.Direction, "Is this a request you received, or sharing you propose?", lists.Directions.Select(i => new ChoiceOption(i.Id, i.Title))),
            FormFields.CaseReference(FieldIds.CaseReference, policy, required: true),
            FormFields.Multi(FieldIds.SubjectType, "Who is the information about? (choose all that apply)", lists.SubjectTypes.Select(i => new ChoiceOption(i.Id, i.Title)),
                required: true, errorMessage: "Choose who the information is about."),
            FormFields.Multi(FieldIds.AtRisk, "Who is at risk? (choose all that apply; this may be someone other than the person the information is about)",
                lists.AtRiskTypes.Select(i => new ChoiceOption(i.Id, i.Title)), required: true, errorMessage: "Choose who is at risk."),
        ];
    }

    public override DraftAnswers Read(FieldReader reader, DraftAnswers answers, PolicyDocument policy, DateOnly todayUk)
    {
        var lists = policy.Lists;
        var matter = reader.Choice(FieldIds.MatterType, lists.MatterTypes.Select(i => i.Id));
        var direction = reader.Choice(FieldIds.Direction, lists.Directions.Select(i => i.Id));
        var subjects = reader.Choices(FieldIds.SubjectType, lists.SubjectTypes.Select(i => i.Id), required: true, "Choose who the information is about.");
        var atRisk = reader.Choices(FieldIds.AtRisk, lists.AtRiskTypes.Select(i => i.Id), required: true, "Choose who is at risk.");

        // The case reference is refused outright (no confirmation) if it looks like a personal identifier.
        var caseReference = reader.CaseReference(FieldIds.CaseReference, policy, IdentifierRule.Steps);
        if (matter is null || direction is null || subjects.Count == 0 || caseReference is null || atRisk.Count == 0)
        {
            return answers;
        }

        return answers with
        {
            About = new AboutAnswers { MatterTypeId = matter, DirectionId = direction, CaseReference = caseReference, SubjectTypeIds = subjects, AtRiskTypeIds = atRisk },
        };
    }

    public override void Prefill(Dictionary<string, string> values, DraftAnswers answers, PolicyDocument policy)
    {
        if (answers.About is not { } a)
        {
            return;
        }

        values[FieldIds.MatterType] = a.MatterTypeId;
        values[FieldIds.Direction] = a.DirectionId;
        values[FieldIds.CaseReference] = a.CaseReference;
        Put(values, FieldIds.SubjectType, a.AllSubjectTypeIds.Count == 0 ? null : string.Join(',', a.AllSubjectTypeIds));
        Put(values, FieldIds.AtRisk, a.AtRiskTypeIds.Count == 0 ? null : string.Join(',', a.AtRiskTypeIds));
    }

    public override bool IsAnswered(DraftAnswers answers) => answers.About is not null;

    public override IEnumerable<(string Title, string? Value)> Review(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        var lists = policy.Lists;
        var about = answers.About;
        return
        [
            ("Immediate danger", answers.Urgency?.ImmediateDanger == true ? "Yes" : "No"),
            ("Matter", Title(lists.MatterTypes, about?.MatterTypeId)),
            ("Received or proposed", Title(lists.Directions, about?.DirectionId)),
            ("Case reference", about?.CaseReference),
            ("About", Titles(lists.SubjectTypes, about?.AllSubjectTypeIds)),
            ("Who is at risk", Titles(lists.AtRiskTypes, about?.AtRiskTypeIds)),
        ];
    }
}
