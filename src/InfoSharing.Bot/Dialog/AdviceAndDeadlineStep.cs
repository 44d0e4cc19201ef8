using System.Globalization;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>Step 8, advice and deadline: whether advice was sought (and what it was), and how soon a decision is needed (§3).</summary>
internal sealed class AdviceAndDeadlineStep : StepForm
{
    public override IReadOnlyList<FormField> Fields(PolicyDocument policy, DraftAnswers answers)
    {
        var lists = policy.Lists;
        var limits = policy.Limits;
        return
        [
            FormFields.Single(FieldIds.Advice, "Have you sought advice?", lists.AdviceOptions.Select(i => new ChoiceOption(i.Id, i.Title))),
            FormFields.Text(FieldIds.AdviserRole, "If sought: the adviser's role (not their name)", limits.ShortText),
            FormFields.YesNo(FieldIds.AdviceIdentified, "If sought: was the person identified to the adviser?", required: false),
            FormFields.Text(FieldIds.AdviceSummary, "If sought: a short summary of the advice", limits.Summary, multiline: true),
            FormFields.Single(FieldIds.Deadline, "How soon is a decision needed?", StepForms.DeadlineOptions(policy, answers).Select(i => new ChoiceOption(i.Id, i.Title))),
            FormFields.Date(FieldIds.DeadlineDate, "If by a date: the date (UK)"),
        ];
    }

    public override DraftAnswers Read(FieldReader reader, DraftAnswers answers, PolicyDocument policy, DateOnly todayUk)
    {
        var lists = policy.Lists;
        var adviceId = reader.Choice(FieldIds.Advice, lists.AdviceOptions.Select(a => a.Id));
        var advice = lists.AdviceOptions.FirstOrDefault(a => a.Id == adviceId);
        string? role = null;
        bool? identified = null;
        string? summary = null;
        if (advice is { Sought: true })
        {
            role = reader.Text(FieldIds.AdviserRole, policy.Limits.ShortText, required: true, "Say the adviser's role (not their name).");
            identified = reader.YesNo(FieldIds.AdviceIdentified);
            summary = reader.Text(FieldIds.AdviceSummary, policy.Limits.Summary, required: true, "Give a short summary of the advice.");
        }

        var deadlineId = reader.Choice(FieldIds.Deadline, lists.Deadlines.Select(d => d.Id));
        var deadline = lists.Deadlines.FirstOrDefault(d => d.Id == deadlineId);
        var urgent = Deadlines.UrgentPurposes(answers, policy);
        if (deadline is { Kind: DeadlineKind.Routine } && urgent.Count > 0)
        {
            reader.Error(FieldIds.Deadline, string.Join("; ", urgent.Select(p => p.Title)) + " " + policy.Urgency.RoutineRefusal);
        }

        DateOnly? date = null;
        if (deadline is { Kind: DeadlineKind.ByDate })
        {
            date = reader.FutureDate(FieldIds.DeadlineDate, todayUk, required: true, "Choose the date by which a decision is needed.");
        }

        if (adviceId is null || deadlineId is null || reader.Errors.Count > 0)
        {
            return answers;
        }

        return answers with
        {
            Advice = new AdviceAnswers
            {
                AdviceId = adviceId,
                AdviserRole = role,
                PersonIdentified = identified,
                AdviceSummary = summary,
                DeadlineId = deadlineId,
                DeadlineDate = date,
            },
        };
    }

    public override void Prefill(Dictionary<string, string> values, DraftAnswers answers, PolicyDocument policy)
    {
        if (answers.Advice is { } d)
        {
            values[FieldIds.Advice] = d.AdviceId;
            Put(values, FieldIds.AdviserRole, d.AdviserRole);
            Put(values, FieldIds.AdviceIdentified, d.PersonIdentified is { } identified ? YesNoValue(identified) : null);
            Put(values, FieldIds.AdviceSummary, d.AdviceSummary);
            values[FieldIds.Deadline] = d.DeadlineId;
            Put(values, FieldIds.DeadlineDate, d.DeadlineDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else if (Deadlines.UrgentPurposes(answers, policy).Count > 0)
        {
            // An urgent purpose (a child protection referral) defaults to within one working day (§3).
            Put(values, FieldIds.Deadline, policy.Urgency.DefaultDeadlineId);
        }
    }

    public override bool IsAnswered(DraftAnswers answers) => answers.Advice is not null;

    public override IEnumerable<(string Title, string? Value)> Review(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        var lists = policy.Lists;
        var advice = answers.Advice;
        var due = advice is null ? null : Deadlines.DueByUtc(advice, policy, now);
        var deadline = Title(lists.Deadlines.Select(d => (d.Id, d.Title)), advice?.DeadlineId);
        return
        [
            ("Advice", Title(lists.AdviceOptions.Select(a => (a.Id, a.Title)), advice?.AdviceId)),
            ("Adviser's role", advice?.AdviserRole),
            ("Person identified to adviser", YesNoText(advice?.PersonIdentified)),
            ("Advice summary", advice?.AdviceSummary),
            ("Deadline", advice?.DeadlineDate is { } byDate
                ? $"{deadline}: {UkTime.FormatDate(byDate)} (by the end of the day, UK time)"
                : due is { } dueBy ? $"{deadline} (by {UkTime.Format(dueBy)})" : deadline),
        ];
    }
}
