using System.Globalization;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// Step 7: openness first (golden rule 2), then consent only where it matters (§3 step 7): who, how and when when
/// consent is the basis; why it is not relied on with paragraph 10 or 18 (cross-checks 2 to 4). Public task alone
/// asks no consent question.
/// </summary>
internal sealed class ConsentStep : StepForm
{
    public override IReadOnlyList<FormField> Fields(PolicyDocument policy, DraftAnswers answers)
    {
        var lists = policy.Lists;
        var limits = policy.Limits;
        var fields = new List<FormField>
        {
            FormFields.Single(FieldIds.Informed, "Has the person (or, for a child without enough understanding, a parent or carer) been told what will be shared, with whom and why?",
                lists.InformedOptions.Select(i => new ChoiceOption(i.Id, i.Title))),
            FormFields.Multi(FieldIds.InformedReasons, "If they will not be told: why not? (choose all that apply)", lists.ConsentExceptionReasons.Select(r => new ChoiceOption(r.Id, r.Title)), required: false),
            FormFields.Date(FieldIds.InformedReviewDate, "If not yet decided: the date to review it"),
            FormFields.Text(FieldIds.Views, "Views the person or their family expressed (optional)", limits.Views, multiline: true),
        };
        var (consentGiven, notReliedOn) = CrossChecks.ConsentQuestions(answers.LegalBasis, policy);
        if (consentGiven)
        {
            fields.Add(FormFields.Single(FieldIds.ConsentStatus, "You rely on consent (step 5): has it been given?",
                lists.ConsentStatuses.Where(s => !s.NotAsked).Select(i => new ChoiceOption(i.Id, i.Title))));
            fields.Add(FormFields.Text(FieldIds.ConsentGivenBy, "Who gave consent (their role, not their name)?", limits.ShortText, placeholder: "For example: the young person, a parent"));
            fields.Add(FormFields.Text(FieldIds.ConsentHow, "How was it given?", limits.Detail, placeholder: "For example: verbally at a meeting, in writing"));
            fields.Add(FormFields.Date(FieldIds.ConsentGivenOn, "When was it given?"));
        }

        if (notReliedOn)
        {
            fields.Add(FormFields.Multi(FieldIds.ConsentReasons,
                "You rely on Schedule 1 paragraph 10 or 18 (step 5): why is the person's consent not being relied on? (choose all that apply)",
                lists.ConsentExceptionReasons.Select(r => new ChoiceOption(r.Id, r.Title)), required: true, errorMessage: "Choose why consent is not being relied on."));
        }

        return fields;
    }

    public override DraftAnswers Read(FieldReader reader, DraftAnswers answers, PolicyDocument policy, DateOnly todayUk)
    {
        var lists = policy.Lists;
        var basis = answers.LegalBasis;

        // Openness (golden rule 2) is asked of everyone; consent only where the basis makes it matter (§3 step 7).
        var informedId = reader.Choice(FieldIds.Informed, lists.InformedOptions.Select(i => i.Id));
        var informed = lists.InformedOptions.FirstOrDefault(i => i.Id == informedId);
        IReadOnlyList<string> informedReasons = [];
        DateOnly? reviewDate = null;
        if (informed is { RequiresReason: true })
        {
            informedReasons = reader.Choices(FieldIds.InformedReasons, lists.ConsentExceptionReasons.Select(r => r.Id), required: true, "Choose why the person will not be told.");
        }

        if (informed is { RequiresReviewDate: true })
        {
            reviewDate = reader.FutureDate(FieldIds.InformedReviewDate, todayUk, required: true, "Choose the date on which you will review whether to tell them.");
        }

        var views = reader.Text(FieldIds.Views, policy.Limits.Views, required: false);

        var (consentGiven, notReliedOn) = CrossChecks.ConsentQuestions(basis, policy);
        var statusId = lists.ConsentStatuses.FirstOrDefault(s => s.NotAsked)?.Id;
        string? givenBy = null;
        string? how = null;
        DateOnly? givenOn = null;
        if (consentGiven)
        {
            // Cross-check 4: consent as a legal basis needs consent given, with who, how and when.
            statusId = reader.Choice(FieldIds.ConsentStatus, lists.ConsentStatuses.Where(s => !s.NotAsked).Select(s => s.Id));
            var status = lists.ConsentStatuses.FirstOrDefault(s => s.Id == statusId);
            if (status is { IsGiven: true })
            {
                givenBy = reader.Text(FieldIds.ConsentGivenBy, policy.Limits.ShortText, required: true, "Consent was given: say who gave it (their role, not their name).");
                how = reader.Text(FieldIds.ConsentHow, policy.Limits.Detail, required: true, "Consent was given: say how it was given.");
                givenOn = reader.PastDate(FieldIds.ConsentGivenOn, todayUk, required: true, "Consent was given: say when.");
            }
            else if (status is not null)
            {
                reader.Error(FieldIds.ConsentStatus, "At step 5 you chose consent as a legal basis, so consent must have been given (say who gave it, how and when). Otherwise go back and change the legal basis.");
            }

            if (notReliedOn)
            {
                reader.Error(FieldIds.ConsentStatus, "At step 5 you chose both consent and Schedule 1 paragraph 10 or 18, which are for sharing without relying on consent. Go back to step 5 and keep one of them.");
            }
        }

        IReadOnlyList<string> reasons = notReliedOn && !consentGiven ? NotReliedOnReasons(reader, basis, policy) : [];
        if (statusId is null || informedId is null || reader.Errors.Count > 0)
        {
            return answers;
        }

        return answers with
        {
            Consent = new ConsentAnswers
            {
                ConsentStatusId = statusId,
                ConsentGivenBy = givenBy,
                ConsentHow = how,
                ConsentGivenOn = givenOn,
                ReasonIds = reasons,
                InformedId = informedId,
                InformedReasonIds = informedReasons,
                InformedReason = informedReasons.Count == 0 ? null : string.Join("; ", informedReasons.Select(id => lists.ConsentExceptionReasons.First(r => r.Id == id).Title)),
                InformedReviewDate = reviewDate,
                Views = views,
            },
        };
    }

    public override void Prefill(Dictionary<string, string> values, DraftAnswers answers, PolicyDocument policy)
    {
        if (answers.Consent is not { } c)
        {
            return;
        }

        Put(values, FieldIds.ConsentStatus, policy.Lists.ConsentStatuses.Any(s => s.NotAsked && s.Id == c.ConsentStatusId) ? null : c.ConsentStatusId);
        Put(values, FieldIds.ConsentGivenBy, c.ConsentGivenBy);
        Put(values, FieldIds.ConsentHow, c.ConsentHow);
        Put(values, FieldIds.ConsentGivenOn, c.ConsentGivenOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Put(values, FieldIds.ConsentReasons, c.ReasonIds.Count == 0 ? null : string.Join(',', c.ReasonIds));
        values[FieldIds.Informed] = c.InformedId;
        Put(values, FieldIds.InformedReasons, c.InformedReasonIds.Count == 0 ? null : string.Join(',', c.InformedReasonIds));
        Put(values, FieldIds.InformedReviewDate, c.InformedReviewDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Put(values, FieldIds.Views, c.Views);
    }

    public override bool IsAnswered(DraftAnswers answers) => answers.Consent is not null;

    public override IEnumerable<(string Title, string? Value)> Review(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        var lists = policy.Lists;
        var consent = answers.Consent;
        return
        [
            ("Person told", Title(lists.InformedOptions.Select(i => (i.Id, i.Title)), consent?.InformedId)),
            ("Why not told", consent?.InformedReason),
            ("Consent", Title(lists.ConsentStatuses.Select(s => (s.Id, s.Title)), consent?.ConsentStatusId)),
            ("Given by", consent?.ConsentGivenBy),
            ("How", consent?.ConsentHow),
            ("When", consent?.ConsentGivenOn is { } givenOn ? UkTime.FormatDate(givenOn) : null),
            ("Why consent is not relied on", consent is null || consent.ReasonIds.Count == 0 ? null : Titles(lists.ConsentExceptionReasons.Select(r => (r.Id, r.Title)), consent.ReasonIds)),
            ("Review date", consent?.InformedReviewDate is { } review ? UkTime.FormatDate(review) : null),
            ("Views expressed", consent?.Views),
        ];
    }

    /// <summary>Why consent is not relied on, with paragraph 10 or 18: cross-checks 2 and 3 need their reasons.</summary>
    private static IReadOnlyList<string> NotReliedOnReasons(FieldReader reader, LegalBasisAnswers? basis, PolicyDocument policy)
    {
        var lists = policy.Lists;
        var reasons = reader.Choices(FieldIds.ConsentReasons, lists.ConsentExceptionReasons.Select(r => r.Id), required: true, "Choose at least one reason why the person's consent is not being relied on.");

        // Cross-check 2: paragraph 18 needs one of its consent reasons.
        var para18 = policy.CrossChecks.Para18ConsentReasonIds;
        if (CrossChecks.UsesPara18(basis, policy) && !reader.HasError(FieldIds.ConsentReasons) && !reasons.Any(r => para18.Contains(r, StringComparer.Ordinal)))
        {
            reader.Error(FieldIds.ConsentReasons, "Schedule 1 paragraph 18 (chosen at step 5) needs one of these reasons: " + Names(para18, lists.ConsentExceptionReasons) + ".");
        }

        // Cross-check 3: paragraph 10 needs the crime-prejudice reason.
        var para10 = policy.CrossChecks.Para10ConsentReasonIds;
        if (CrossChecks.UsesPara10(basis, policy) && !reader.HasError(FieldIds.ConsentReasons) && !reasons.Any(r => para10.Contains(r, StringComparer.Ordinal)))
        {
            reader.Error(FieldIds.ConsentReasons, "Schedule 1 paragraph 10 (chosen at step 5) needs this reason: " + Names(para10, lists.ConsentExceptionReasons) + ".");
        }

        return reasons;
    }

    private static string Names(IReadOnlyList<string> ids, IReadOnlyList<ChoiceItem> items) =>
        string.Join("; ", ids.Select(id => "'" + (items.FirstOrDefault(i => i.Id == id)?.Title ?? id) + "'"));
}
