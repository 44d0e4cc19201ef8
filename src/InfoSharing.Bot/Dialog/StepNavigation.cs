using System.Globalization;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>Moving between the steps, pure: each card shown is a new revision (older cards become stale), with the values it keeps and its warnings.</summary>
internal static class StepNavigation
{
    /// <summary>Sends the card of <paramref name="step"/>: a new revision, so that older cards become stale.</summary>
    internal static DialogResult Show(
        DialogState state,
        DialogStep step,
        DialogTurn turn,
        string? leadText = null,
        IReadOnlyList<string>? notices = null,
        IReadOnlyList<string>? alerts = null,
        IReadOnlyDictionary<string, string>? errors = null,
        IReadOnlyDictionary<string, string>? warnings = null,
        IReadOnlyDictionary<string, string>? values = null)
    {
        if (step == DialogStep.Review)
        {
            return ReviewSubmission.ShowReview(state, turn, leadText);
        }

        var moved = state.Step != step;
        var next = state with
        {
            Step = step,
            Revision = state.Revision + 1,
            DraftInputs = moved ? Empty : state.DraftInputs,
            PendingIdentifierWarnings = moved ? [] : state.PendingIdentifierWarnings,
        };
        var policy = turn.Policy;
        var shown = new Dictionary<string, string>(values ?? CurrentValues(next, step, turn), StringComparer.Ordinal);
        var shownWarnings = warnings ?? RecheckWarnings(next, step, shown, turn);
        var model = new FormCardModel
        {
            Title = StepForms.Title(step, policy),
            Intro = policy.Texts.Step((int)step).Intro,
            Notices = [.. notices ?? [], .. StepNotices(next, step, policy)],
            Alerts = alerts ?? [],
            Fields = StepForms.Fields(step, policy, next.Answers),
            Values = shown,
            Errors = errors ?? new Dictionary<string, string>(),
            IdentifierWarnings = shownWarnings,
            Actions = FormCard.StepActions(Context(next, turn), next.ReturnToReview ? "Save and return to review" : "Continue", showBack: step != DialogStep.Urgency),
        };
        return new DialogResult { State = next, Replies = [DialogReply.FromCard(FormCard.Build(model), leadText)] };
    }

    /// <summary>After a valid step: the next step, or back to the review when editing (via any section an edit made invalid).</summary>
    internal static DialogResult Advance(DialogState state, DialogStep completed, DialogTurn turn)
    {
        if (state.ReturnToReview || completed == DialogStep.AdviceAndDeadline)
        {
            return ReviewSubmission.ShowReview(state, turn);
        }

        return Show(state, completed + 1, turn);
    }

    internal static IEnumerable<string> StepNotices(DialogState state, DialogStep step, PolicyDocument policy)
    {
        var routing = CrossChecks.Routing(state.Answers, policy);
        if (step == DialogStep.Consent && routing.ChannelSupportConsentNote)
        {
            yield return policy.Texts.Notes.ChannelSupportConsent;
        }
    }

    /// <summary>The values a step shows: what was entered but not yet accepted, otherwise the saved answers (with confirmations ticked).</summary>
    internal static Dictionary<string, string> CurrentValues(DialogState state, DialogStep step, DialogTurn turn)
    {
        if (state.Step == step && state.DraftInputs.Count > 0)
        {
            return new Dictionary<string, string>(state.DraftInputs, StringComparer.Ordinal);
        }

        var values = new Dictionary<string, string>(StepForms.ValuesFromAnswers(step, state.Answers, turn.Policy), StringComparer.Ordinal);
        foreach (var field in state.ConfirmedNoIdentifierFields.Where(values.ContainsKey))
        {
            values[field + CardData.NoIdentifierConfirmSuffix] = "true";
        }

        return values;
    }

    /// <summary>On a plain re-show, the warnings of fields already warned about or confirmed that still look like identifiers.</summary>
    internal static Dictionary<string, string> RecheckWarnings(DialogState state, DialogStep step, IReadOnlyDictionary<string, string> values, DialogTurn turn)
    {
        var warnings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in StepForms.Fields(step, turn.Policy, state.Answers))
        {
            var pending = state.PendingIdentifierWarnings.Contains(field.Id);
            var confirmed = state.ConfirmedNoIdentifierFields.Contains(field.Id);
            if ((pending || confirmed) && values.TryGetValue(field.Id, out var text))
            {
                var hits = IdentifierDetector.Detect(text, turn.Policy.IdentifierPatterns);
                if (hits.Count > 0)
                {
                    warnings[field.Id] = confirmed && !pending
                        ? $"This may contain {IdentifierDetector.Describe(hits)}; you confirmed it contains no identifying information."
                        : $"This may contain {IdentifierDetector.Describe(hits)}. Change it, or tick the box to confirm it contains no identifying information.";
                }
            }
        }

        return warnings;
    }

    internal static DialogState NewDraft(DialogTurn turn, int revision) => new()
    {
        DialogVersion = turn.DialogVersion,
        PolicyVersion = turn.Policy.Version,
        DraftId = "d" + turn.Now.UtcTicks.ToString("x", CultureInfo.InvariantCulture),
        Step = DialogStep.Urgency,
        Revision = revision,
        Requester = turn.Actor,
        CreatedAt = turn.Now,
        UpdatedAt = turn.Now,
        ExpiresAt = turn.Now.AddDays(turn.Policy.DraftExpiryDays),
    };

    internal static DialogState Touch(DialogState state, DialogTurn turn) =>
        state with { UpdatedAt = turn.Now, ExpiresAt = turn.Now.AddDays(turn.Policy.DraftExpiryDays) };

    internal static CardActionContext Context(DialogState state, DialogTurn turn) =>
        new((int)state.Step, turn.DialogVersion, state.Revision, state.DraftId);

    internal static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
