using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;
using F = InfoSharing.Bot.Cards.SafeguardingFieldIds;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The two forms of the emergency path (§5), pure: the short retrospective record (what the approvers review) and
/// the full record (due within the configured window). Same values, policy and time, same outcome.
/// </summary>
public static class EmergencyRecordForm
{
    /// <summary>How far back an emergency sharing may be dated (it may have happened before the bot was opened).</summary>
    public static readonly TimeSpan EarliestShared = TimeSpan.FromDays(7);

    public static IReadOnlyList<FormField> ShortFields(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var lists = policy.Lists;
        var limits = policy.Limits;
        return
        [
            FormFields.YesNo(F.EmergencyShared, "Did you share information without waiting for approval?"),
            FormFields.Text(F.EmergencyNotSharedReason, "If no: what happened instead? (for example, the police were already there)", limits.Explanation, multiline: true),
            FormFields.CaseReference(F.EmergencyCaseReference, policy, required: false),
            FormFields.Multi(F.EmergencyCategories, "What kinds of information did you share? (choose all that apply)", SafeguardingForms.Categories(policy), required: false,
                hint: "SC = special category data; CO = criminal offence data."),
            FormFields.Single(F.EmergencyRecipientType, "With which kind of organisation?", lists.RecipientTypes.Select(r => new ChoiceOption(r.Id, r.Title)), expanded: false, required: false),
            FormFields.Text(F.EmergencyRecipientRole, "Their team or role (not a person's name)", limits.ShortText, placeholder: "For example: police control room"),
            FormFields.Date(F.EmergencySharedOn, "When: the date (UK)"),
            FormFields.Time(F.EmergencySharedAt, "When: the time (UK)"),
            FormFields.Single(F.EmergencyMethod, "How was it shared?", lists.SecureMethods.Select(m => new ChoiceOption(m.Id, m.Title)), required: false),
            FormFields.YesNo(F.EmergencyAuthorised, "Did someone authorise it verbally?", required: false),
            FormFields.Text(F.EmergencyAuthorisedBy, "If yes: their role (not their name)", limits.ShortText, placeholder: "For example: on-call Designated Safeguarding Lead"),
        ];
    }

    public static FormOutcome<EmergencyRecord> ValidateShort(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> warned, PolicyDocument policy, DateTimeOffset now)
    {
        var reader = SafeguardingForms.Reader(values, warned, policy);
        var lists = policy.Lists;
        var limits = policy.Limits;
        var shared = reader.YesNo(F.EmergencyShared);
        if (shared == false)
        {
            var reason = reader.Text(F.EmergencyNotSharedReason, limits.Explanation, required: true, "Say briefly what happened instead.");
            return SafeguardingForms.Finish(reader, values, warned, policy, confirmed => new EmergencyRecord
            {
                Shared = false,
                NotSharedReason = reason,
                ConfirmedNoIdentifierFields = confirmed,
            });
        }

        var caseReference = reader.CaseReference(F.EmergencyCaseReference, policy, IdentifierRule.Records);
        var categories = reader.Choices(F.EmergencyCategories, lists.DataCategories.Select(c => c.Id), required: true, "Choose at least one kind of information you shared.");
        var recipient = reader.Choice(F.EmergencyRecipientType, lists.RecipientTypes.Select(r => r.Id));
        var role = reader.Text(F.EmergencyRecipientRole, limits.ShortText, required: true, "Give the recipient's team or role.");
        var when = SafeguardingForms.When(reader, F.EmergencySharedOn, F.EmergencySharedAt, now, now - EarliestShared,
            $"Give a time within the last {EarliestShared.Days} days.", required: true);
        var method = reader.Choice(F.EmergencyMethod, lists.SecureMethods.Select(m => m.Id));
        var authorised = reader.YesNo(F.EmergencyAuthorised);
        var authorisedBy = reader.Text(F.EmergencyAuthorisedBy, limits.ShortText, required: authorised == true, "Give the role of the person who authorised it.");

        // An unanswered "did you share" is an error of the reader, so nothing is built then.
        return SafeguardingForms.Finish(reader, values, warned, policy, confirmed => new EmergencyRecord
        {
            Shared = true,
            CaseReference = caseReference,
            CategoryIds = categories,
            RecipientTypeId = recipient,
            RecipientRole = role,
            SharedAtUtc = when,
            MethodId = method,
            AuthorisedVerbally = authorised,
            AuthorisedByRole = authorised == true ? authorisedBy : null,
            ConfirmedNoIdentifierFields = confirmed,
        });
    }

    /// <summary>The full record's inputs: the Article 9 / criminal-offence conditions only when the categories shared need them.</summary>
    public static IReadOnlyList<FormField> FullFields(PolicyDocument policy, EmergencyRecord record)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(record);
        var lists = policy.Lists;
        var limits = policy.Limits;
        var fields = new List<FormField>
        {
            FormFields.Text(F.EmergencyItems, "Exactly what was shared (describe the items, not the information itself)", limits.ItemsDescription, required: true, multiline: true),
            FormFields.Text(F.EmergencyWhyNow, "Why could it not wait for approval?", limits.RiskIfNotShared, required: true, multiline: true),
            FormFields.Single(F.EmergencyArticle6, "Lawful basis (Article 6)", CrossChecks.VisibleArticle6Bases(policy).Select(b => new ChoiceOption(b.Id, b.Title))),
        };
        if (NeedsArticle9(policy, record))
        {
            fields.Add(FormFields.Single(F.EmergencyArticle9, "Condition for special category data (Article 9)", lists.Article9Conditions.Select(c => new ChoiceOption(c.Id, c.Title))));
        }

        if (NeedsCriminalOffence(policy, record))
        {
            fields.Add(FormFields.Single(F.EmergencyCriminalOffence, "Condition for criminal offence data (Article 10)", lists.CriminalOffenceConditions.Select(c => new ChoiceOption(c.Id, c.Title))));
        }

        fields.Add(FormFields.Single(F.EmergencyInformed, "Will the person (or their family) be told about the sharing?", lists.InformedOptions.Select(i => new ChoiceOption(i.Id, i.Title))));
        fields.Add(FormFields.Text(F.EmergencyInformedReason, "If no or not yet: why?", limits.Explanation, multiline: true));
        fields.Add(FormFields.Text(F.EmergencyContentLocation, "Where is the shared content kept? (a reference in your case system, never the content)", limits.ShortText, required: true,
            placeholder: $"For example: case file {policy.CaseReference.Example}, chronology entry 14"));
        return fields;
    }

    public static FormOutcome<EmergencyFullRecord> ValidateFull(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> warned, PolicyDocument policy, EmergencyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var reader = SafeguardingForms.Reader(values, warned, policy);
        var lists = policy.Lists;
        var limits = policy.Limits;
        var items = reader.Text(F.EmergencyItems, limits.ItemsDescription, required: true);
        var why = reader.Text(F.EmergencyWhyNow, limits.RiskIfNotShared, required: true);
        var basis = reader.Choice(F.EmergencyArticle6, CrossChecks.VisibleArticle6Bases(policy).Select(b => b.Id));
        var article9 = NeedsArticle9(policy, record) ? reader.Choice(F.EmergencyArticle9, lists.Article9Conditions.Select(c => c.Id)) : null;
        var criminal = NeedsCriminalOffence(policy, record) ? reader.Choice(F.EmergencyCriminalOffence, lists.CriminalOffenceConditions.Select(c => c.Id)) : null;
        var informed = reader.Choice(F.EmergencyInformed, lists.InformedOptions.Select(i => i.Id));
        var option = lists.InformedOptions.FirstOrDefault(i => i.Id == informed);
        var needsReason = option is not null && (option.RequiresReason || option.RequiresReviewDate);
        var reason = reader.Text(F.EmergencyInformedReason, limits.Explanation, required: needsReason, "Explain why the person will not be told, or when it will be decided.");
        var location = reader.Text(F.EmergencyContentLocation, limits.ShortText, required: true, "Say where the shared content is kept.");
        var consentBases = lists.Article6Bases.Where(b => b.IsConsent).Select(b => b.Id)
            .Concat(lists.Article9Conditions.Where(c => c.IsConsent).Select(c => c.Id))
            .Concat(lists.CriminalOffenceConditions.Where(c => c.IsConsent).Select(c => c.Id)).ToHashSet(StringComparer.Ordinal);
        if (basis is not null && consentBases.Contains(basis))
        {
            reader.Error(F.EmergencyArticle6, "Consent is not a basis for sharing in an emergency without asking: choose another basis (for example vital interests or public task).");
        }

        return SafeguardingForms.Finish(reader, values, warned, policy, confirmed => new EmergencyFullRecord
        {
            ItemsDescription = items!,
            WhyItCouldNotWait = why!,
            Article6BasisId = basis!,
            Article9ConditionId = article9,
            CriminalOffenceConditionId = criminal,
            InformedId = informed!,
            InformedReason = reason,
            ContentLocation = location!,
            ConfirmedNoIdentifierFields = confirmed,
        });
    }

    private static bool NeedsArticle9(PolicyDocument policy, EmergencyRecord record) =>
        policy.Lists.DataCategories.Any(c => c.SpecialCategory && record.CategoryIds.Contains(c.Id));

    private static bool NeedsCriminalOffence(PolicyDocument policy, EmergencyRecord record) =>
        policy.Lists.DataCategories.Any(c => c.CriminalOffence && record.CategoryIds.Contains(c.Id));
}
