using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;
using F = InfoSharing.Bot.Cards.SafeguardingFieldIds;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The anonymised consultation form (§6) and the approver's answer, pure. Identifier detection applies to every
/// free-text field, and here a case reference counts as identifying too.
/// </summary>
public static class AdviceConsultationForm
{
    public const int MinAnswerLength = 10;
    public const int MaxAnswerLength = SafeguardingFieldIds.AdviceAnswerMaxLength;

    public static IReadOnlyList<FormField> Fields(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var lists = policy.Lists;
        var limits = policy.Limits;
        return
        [
            FormFields.Single(F.AdviceAgeBand, "Age band of the person", policy.Safeguarding.AgeBands.Select(a => new ChoiceOption(a.Id, a.Title)), expanded: false),
            FormFields.Single(F.AdviceMatterType, "What kind of matter is this?", lists.MatterTypes.Select(m => new ChoiceOption(m.Id, m.Title))),
            FormFields.Text(F.AdviceDescription, "The concern, in general terms (nothing that identifies anyone)", limits.ItemsDescription, required: true, multiline: true),
            FormFields.Multi(F.AdviceCategories, "Kinds of information you are thinking of sharing (optional)", SafeguardingForms.Categories(policy), required: false),
            FormFields.Single(F.AdviceRecipientType, "Who you are thinking of sharing it with (optional)", lists.RecipientTypes.Select(r => new ChoiceOption(r.Id, r.Title)), expanded: false, required: false),
            FormFields.Text(F.AdviceQuestion, "Your question for the approvers", limits.Summary, required: true, multiline: true),
        ];
    }

    /// <summary>The values that pre-fill the form from the draft's non-identifying answers.</summary>
    public static IReadOnlyDictionary<string, string> ValuesFromSeed(AdviceSeed? seed)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (seed is null)
        {
            return values;
        }

        if (seed.MatterTypeId is { } matter)
        {
            values[F.AdviceMatterType] = matter;
        }

        if (seed.CategoryIds.Count > 0)
        {
            values[F.AdviceCategories] = string.Join(',', seed.CategoryIds);
        }

        if (seed.RecipientTypeId is { } recipient)
        {
            values[F.AdviceRecipientType] = recipient;
        }

        return values;
    }

    public static FormOutcome<AdviceConsultation> Validate(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> warned, PolicyDocument policy, string? trigger)
    {
        var reader = SafeguardingForms.Reader(values, warned, policy);
        var lists = policy.Lists;
        var limits = policy.Limits;
        var age = reader.Choice(F.AdviceAgeBand, policy.Safeguarding.AgeBands.Select(a => a.Id));
        var matter = reader.Choice(F.AdviceMatterType, lists.MatterTypes.Select(m => m.Id));
        var description = reader.Text(F.AdviceDescription, limits.ItemsDescription, required: true);
        var categories = reader.Choices(F.AdviceCategories, lists.DataCategories.Select(c => c.Id), required: false, "");
        var recipient = reader.Choice(F.AdviceRecipientType, lists.RecipientTypes.Select(r => r.Id), required: false);
        var question = reader.Text(F.AdviceQuestion, limits.Summary, required: true);
        return SafeguardingForms.Finish(reader, values, warned, policy, confirmed => new AdviceConsultation
        {
            AgeBandId = age!,
            MatterTypeId = matter!,
            Description = description!,
            CategoryIds = categories,
            RecipientTypeId = recipient,
            Question = question!,
            IdentityDisclosed = false,
            Trigger = trigger,
            ConfirmedNoIdentifierFields = confirmed,
        }, IdentifierRule.Anonymised);
    }

    /// <summary>The approver's answer: text and a suggested outcome; errors by input id.</summary>
    public static (AdviceAnswer? Answer, IReadOnlyDictionary<string, string> Errors) ValidateAnswer(string? text, string? outcomeId, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length < MinAnswerLength || trimmed.Length > MaxAnswerLength)
        {
            errors[F.AdviceAnswer] = $"Write your advice in {MinAnswerLength} to {MaxAnswerLength} characters.";
        }

        if (outcomeId is null || !policy.Safeguarding.AdviceOutcomes.Any(o => o.Id == outcomeId))
        {
            errors[F.AdviceSuggestedOutcome] = "Choose a suggested outcome.";
        }

        return errors.Count == 0 ? (new AdviceAnswer { Text = trimmed, SuggestedOutcomeId = outcomeId! }, errors) : (null, errors);
    }
}
