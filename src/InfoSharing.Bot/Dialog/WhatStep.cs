using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// Step 2, what will be shared: the kinds of information, the items, and (asked directly, §3 step 2 and §4.1) whether
/// it reveals special category or criminal offence data; the categories chosen pre-tick those answers.
/// </summary>
internal sealed class WhatStep : StepForm
{
    public override IReadOnlyList<FormField> Fields(PolicyDocument policy, DraftAnswers answers)
    {
        var lists = policy.Lists;
        var limits = policy.Limits;
        return
        [
            FormFields.Multi(FieldIds.Categories, "What kinds of information? (choose all that apply)", lists.DataCategories.Select(c => new ChoiceOption(c.Id, StepForms.CategoryTitle(c))),
                required: true, errorMessage: "Choose at least one kind of information.",
                hint: "SC = special category data; CO = criminal offence data. They pre-tick the questions below; both need an extra legal condition at step 5."),
            FormFields.Text(FieldIds.OtherCategoryDetail, "If you chose Other: what kind of information?", limits.Detail),
            FormFields.Text(FieldIds.ItemsDescription, "Describe the items briefly (not the information itself)", limits.ItemsDescription, required: true, multiline: true,
                placeholder: "For example: the two most recent referrals and a summary chronology"),
            FormFields.Multi(FieldIds.SpecialCategoryContent, policy.Texts.SpecialCategory.Question, lists.SpecialCategoryContent.Select(c => new ChoiceOption(c.Id, c.Title)),
                required: true, errorMessage: "Choose what it reveals, or 'None of these'.", hint: policy.Texts.SpecialCategory.Hint),
            FormFields.YesNo(FieldIds.CriminalOffenceContent, policy.Texts.SpecialCategory.CriminalOffenceQuestion),
            FormFields.YesNo(FieldIds.IdentifiesOthers, "Does it identify anyone else who could be harmed if identified (for example an informant or a sibling)?"),
            FormFields.Text(FieldIds.OthersProtection, "If yes: how will their identity be protected?", limits.Detail, multiline: true),
            FormFields.YesNo(FieldIds.ContainsOpinion, "Does it contain opinion as well as fact?"),
        ];
    }

    public override DraftAnswers Read(FieldReader reader, DraftAnswers answers, PolicyDocument policy, DateOnly todayUk)
    {
        var categories = policy.Lists.DataCategories;
        var chosen = reader.Choices(FieldIds.Categories, categories.Select(c => c.Id), required: true, "Choose at least one kind of information.");
        string? otherDetail = null;
        if (categories.Any(c => c.RequiresDetail && chosen.Contains(c.Id)))
        {
            otherDetail = reader.Text(FieldIds.OtherCategoryDetail, policy.Limits.Detail, required: true, "You chose Other: say what kind of information it is.");
        }

        var description = reader.Text(FieldIds.ItemsDescription, policy.Limits.ItemsDescription, required: true);

        // Special category and criminal offence content is asked directly (§3 step 2, §4.1); the categories only
        // pre-tick it: a category's answers are added, and cannot be cleared.
        var chosenCategories = categories.Where(c => chosen.Contains(c.Id, StringComparer.Ordinal)).ToList();
        var kinds = policy.Lists.SpecialCategoryContent;
        var implied = chosenCategories.SelectMany(c => c.RevealsSpecialCategory).ToHashSet(StringComparer.Ordinal);
        var ticked = reader.Choices(FieldIds.SpecialCategoryContent, kinds.Select(k => k.Id), required: implied.Count == 0,
            "Say whether any of it reveals these, or choose 'None of these'.");
        var content = kinds.Where(k => !k.None && (ticked.Contains(k.Id) || implied.Contains(k.Id))).Select(k => k.Id).ToList();
        if (kinds.Any(k => k.None && ticked.Contains(k.Id)) && content.Count > 0)
        {
            var revealing = chosenCategories.Where(c => c.RevealsSpecialCategory.Count > 0).ToList();
            reader.Error(FieldIds.SpecialCategoryContent, revealing.Count > 0
                ? "'None of these' does not fit: " + string.Join("; ", revealing.Select(c => c.Title)) + " reveals " + string.Join("; ", kinds.Where(k => implied.Contains(k.Id)).Select(k => k.Title.ToLowerInvariant())) + "."
                : "Choose 'None of these' on its own, or only what it reveals.");
        }

        var offenceCategories = chosenCategories.Where(c => c.CriminalOffence).ToList();
        var offence = reader.YesNo(FieldIds.CriminalOffenceContent, required: offenceCategories.Count == 0);
        if (offence == false && offenceCategories.Count > 0)
        {
            reader.Error(FieldIds.CriminalOffenceContent, "You chose " + string.Join("; ", offenceCategories.Select(c => c.Title)) + ", which is criminal offence data: answer Yes.");
        }

        var identifiesOthers = reader.YesNo(FieldIds.IdentifiesOthers);
        string? protection = null;
        if (identifiesOthers == true)
        {
            protection = reader.Text(FieldIds.OthersProtection, policy.Limits.Detail, required: true, "Say how the identity of the people who could be harmed will be protected.");
        }

        var opinion = reader.YesNo(FieldIds.ContainsOpinion);
        if (chosen.Count == 0 || description is null || identifiesOthers is null || opinion is null || (offence is null && offenceCategories.Count == 0))
        {
            return answers;
        }

        return answers with
        {
            What = new WhatAnswers
            {
                CategoryIds = chosen,
                OtherCategoryDetail = otherDetail,
                ItemsDescription = description,
                SpecialCategoryContentIds = content,
                CriminalOffenceContent = offence == true || offenceCategories.Count > 0,
                IdentifiesOthers = identifiesOthers.Value,
                OthersProtection = protection,
                ContainsOpinion = opinion.Value,
            },
        };
    }

    public override void Prefill(Dictionary<string, string> values, DraftAnswers answers, PolicyDocument policy)
    {
        if (answers.What is not { } w)
        {
            return;
        }

        values[FieldIds.Categories] = string.Join(',', w.CategoryIds);
        Put(values, FieldIds.OtherCategoryDetail, w.OtherCategoryDetail);
        values[FieldIds.ItemsDescription] = w.ItemsDescription;
        // The categories pre-tick the content answers (also when they were changed since, e.g. a wider linked request).
        var chosen = policy.Lists.DataCategories.Where(c => w.CategoryIds.Contains(c.Id, StringComparer.Ordinal)).ToList();
        if (w.SpecialCategoryContentIds is { } content)
        {
            var ticked = policy.Lists.SpecialCategoryContent
                .Where(k => !k.None && (content.Contains(k.Id, StringComparer.Ordinal) || chosen.Any(c => c.RevealsSpecialCategory.Contains(k.Id, StringComparer.Ordinal))))
                .Select(k => k.Id).ToList();
            Put(values, FieldIds.SpecialCategoryContent, ticked.Count > 0
                ? string.Join(',', ticked)
                : policy.Lists.SpecialCategoryContent.FirstOrDefault(c => c.None)?.Id);
        }

        Put(values, FieldIds.CriminalOffenceContent, w.CriminalOffenceContent is { } offence ? YesNoValue(offence || chosen.Any(c => c.CriminalOffence)) : null);
        values[FieldIds.IdentifiesOthers] = YesNoValue(w.IdentifiesOthers);
        Put(values, FieldIds.OthersProtection, w.OthersProtection);
        values[FieldIds.ContainsOpinion] = YesNoValue(w.ContainsOpinion);
    }

    public override bool IsAnswered(DraftAnswers answers) => answers.What is not null;

    public override IEnumerable<(string Title, string? Value)> Review(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        var lists = policy.Lists;
        var what = answers.What;
        return
        [
            ("Kinds of information", what is null ? null : string.Join("; ", CrossChecks.ChosenCategories(answers, policy).Select(StepForms.CategoryTitle))),
            ("Other kind", what?.OtherCategoryDetail),
            ("Items", what?.ItemsDescription),
            ("Reveals (special category data)", what?.SpecialCategoryContentIds is { } content
                ? content.Count == 0 ? lists.SpecialCategoryContent.FirstOrDefault(k => k.None)?.Title : Titles(lists.SpecialCategoryContent.Select(k => (k.Id, k.Title)), content)
                : null),
            ("Allegations, offences, convictions or proceedings", YesNoText(what?.CriminalOffenceContent)),
            ("Identifies others who could be harmed", YesNoText(what?.IdentifiesOthers)),
            ("How they are protected", what?.OthersProtection),
            ("Opinion as well as fact", YesNoText(what?.ContainsOpinion)),
        ];
    }
}
