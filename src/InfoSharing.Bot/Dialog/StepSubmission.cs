using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>A step's card submitted or answered by typing (pure): the checks, the identifier rule, then the next step or the advice path.</summary>
internal static class StepSubmission
{
    internal static DialogResult SubmitStep(DialogState state, JsonObject submitted, DialogTurn turn)
    {
        var step = state.Step;
        var fields = StepForms.Fields(step, turn.Policy, state.Answers);
        var raw = SubmittedValues.Of(submitted, fields);
        var outcome = StepValidator.Validate(step, raw, state.Answers, turn.Policy, turn.Now);
        var errors = new Dictionary<string, string>(outcome.Errors, StringComparer.Ordinal);

        // Cross-check 8: warn once; refuse on the second try unless the practitioner confirms. A confirmation is kept
        // for a field of another step, or while the field still looks like it holds an identifier.
        var hits = outcome.IdentifierHits;
        var check = IdentifierRule.Steps.Apply(hits, raw, state.PendingIdentifierWarnings, errors);
        var warnings = check.Warnings;
        var pending = check.Warned;
        var confirmed = state.ConfirmedNoIdentifierFields.Where(f => (!fields.Any(x => x.Id == f) || hits.ContainsKey(f)) && !pending.Contains(f)).ToList();
        confirmed.AddRange(check.Confirmed.Where(f => !confirmed.Contains(f)).ToList());

        var touched = StepNavigation.Touch(state, turn);
        if (errors.Count > 0 || warnings.Count > 0)
        {
            var kept = touched with { DraftInputs = raw, PendingIdentifierWarnings = pending, ConfirmedNoIdentifierFields = confirmed };
            var alert = errors.Count > 0
                ? "Please correct the answers marked below. Your other answers are kept."
                : "Please check the answers marked below before you continue.";
            return StepNavigation.Show(kept, step, turn, alerts: [alert], errors: errors, warnings: warnings, values: raw);
        }

        if (step == DialogStep.Urgency)
        {
            return Urgency(touched, outcome.Answers.Urgency?.ImmediateDanger == true, turn);
        }

        var accepted = touched with
        {
            Answers = outcome.Answers,
            DraftInputs = StepNavigation.Empty,
            PendingIdentifierWarnings = [],
            ConfirmedNoIdentifierFields = confirmed,
        };
        var notes = turn.Policy.Texts.Notes;
        if (step == DialogStep.Why && outcome.Answers.Why is { } why)
        {
            var kind = turn.Policy.Lists.MinimisationOptions.FirstOrDefault(m => m.Id == why.MinimisationId)?.Kind;
            switch (kind)
            {
                case MinimisationKind.LessInformation:
                    var reduced = accepted with
                    {
                        Answers = accepted.Answers with { Why = why with { MinimisationId = null, ReducedAfterMinimisationCheck = true } },
                    };
                    return StepNavigation.Show(reduced, DialogStep.What, turn, notices: [notes.LessInformation]);
                case MinimisationKind.AnonymisedConsultation:
                    return AdvicePath(touched with { DraftInputs = raw, ConfirmedNoIdentifierFields = confirmed }, "anonymisedConsultation", notes.AnonymisedConsultation, turn);
                default:
                    break;
            }
        }

        if (step == DialogStep.AdviceAndDeadline && outcome.Answers.Advice is { } advice
            && turn.Policy.Lists.AdviceOptions.Any(a => a.StartsAdvicePath && a.Id == advice.AdviceId))
        {
            return AdvicePath(touched with { DraftInputs = raw, ConfirmedNoIdentifierFields = confirmed }, "adviceNow", notes.AdviceNow, turn);
        }

        return StepNavigation.Advance(accepted, step, turn);
    }

    internal static DialogResult Urgency(DialogState state, bool immediateDanger, DialogTurn turn)
    {
        if (immediateDanger)
        {
            var emergency = turn.Policy.Texts.Emergency;
            return new DialogResult
            {
                State = null,
                Replies =
                [
                    DialogReply.FromCard(EmergencyCard.Build(emergency), emergency.ShareNow),
                ],
                Effects = [new StartEmergencyEffect(turn.Actor, turn.Now, turn.Now.AddHours(emergency.RetrospectiveRecordHours))],
            };
        }

        var answered = state with
        {
            Answers = state.Answers with { Urgency = new UrgencyAnswers { ImmediateDanger = false } },
            DraftInputs = StepNavigation.Empty,
            PendingIdentifierWarnings = [],
        };
        return StepNavigation.Advance(answered, DialogStep.Urgency, turn);
    }

    internal static DialogResult AdvicePath(DialogState state, string trigger, string note, DialogTurn turn)
    {
        var answers = state.Answers;
        var seed = new AdviceSeed
        {
            MatterTypeId = answers.About?.MatterTypeId,
            SubjectTypeId = answers.About?.AllSubjectTypeIds.FirstOrDefault(),
            CategoryIds = answers.What?.CategoryIds ?? [],
            RecipientTypeId = answers.WithWhom?.RecipientTypeId,
            PurposeIds = answers.Why?.PurposeIds ?? [],
        };
        return new DialogResult
        {
            State = state,
            Replies = [DialogReply.FromText(note + " To carry on with this request instead, change your answer on the card and select Continue.")],
            Effects = [new StartAdviceEffect(turn.Actor, trigger, seed)],
        };
    }

    internal static DialogResult TypedAnswer(DialogState state, string text, DialogTurn turn)
    {
        var normalised = DialogCommands.Normalise(text);
        var touched = StepNavigation.Touch(state, turn);
        if (state.Step == DialogStep.Urgency && normalised is "yes" or "y" or "no" or "n")
        {
            var yes = normalised is "yes" or "y";
            return Urgency(touched, yes, turn);
        }

        if (state.Step is > DialogStep.Urgency and < DialogStep.Review)
        {
            var matches = StepForms.Fields(state.Step, turn.Policy, state.Answers)
                .Where(f => f.Kind == FieldKind.SingleChoice)
                .SelectMany(f => f.Options
                    .Where(o => string.Equals(o.Title.Trim(), text.Trim(), StringComparison.OrdinalIgnoreCase)
                        || string.Equals(o.Value, normalised, StringComparison.Ordinal))
                    .Select(o => (Field: f, Option: o)))
                .ToList();
            if (matches.Count == 1)
            {
                var (field, option) = matches[0];
                var values = new Dictionary<string, string>(StepNavigation.CurrentValues(state, state.Step, turn), StringComparer.Ordinal)
                {
                    [field.Id] = option.Value,
                };
                return StepNavigation.Show(touched with { DraftInputs = values }, state.Step, turn,
                    leadText: $"Noted: {field.Label} {option.Title}. Complete the rest of the form and select Continue.");
            }
        }

        return StepNavigation.Show(touched, state.Step, turn,
            leadText: "I did not understand that. Please answer using the card, or type 'help', 'back', 'cancel' or 'restart'.");
    }
}
