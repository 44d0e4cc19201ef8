namespace InfoSharing.Bot.Dialog;

/// <summary>A request started from, or linked to, an earlier record (advice, a decline, a wider outcome), pure.</summary>
internal static class LinkedStart
{
    /// <summary>
    /// A request linked to an earlier record. Advice: the draft (or a new one) carries the link, and a draft waiting at
    /// step 8 gets the advice filled in. Reconsider / widen: a new draft from the earlier answers, shown for review.
    /// </summary>
    internal static DialogResult Linked(DialogState? state, LinkedStartInput input, DialogTurn turn)
    {
        var link = input.Link;
        if (input.Answers is null)
        {
            if (state is null)
            {
                return StepNavigation.Show(StepNavigation.NewDraft(turn, revision: 0) with { Link = link }, DialogStep.Urgency, turn,
                    leadText: $"Starting a new request, linked to the advice in {link.Reference}.");
            }

            var linked = StepNavigation.Touch(state, turn) with { Link = link };
            var sought = turn.Policy.Lists.AdviceOptions.FirstOrDefault(a => a.Sought && !a.StartsAdvicePath);
            if (state.Step == DialogStep.AdviceAndDeadline && sought is not null)
            {
                var values = new Dictionary<string, string>(StepNavigation.CurrentValues(state, DialogStep.AdviceAndDeadline, turn), StringComparer.Ordinal)
                {
                    [FieldIds.Advice] = sought.Id,
                    [FieldIds.AdviserRole] = "Approver, by anonymised consultation in the bot",
                    [FieldIds.AdviceIdentified] = "no",
                    [FieldIds.AdviceSummary] = link.Summary ?? $"Anonymised consultation {link.Reference}.",
                };
                return StepNavigation.Show(linked with { DraftInputs = values, PendingIdentifierWarnings = [] }, DialogStep.AdviceAndDeadline, turn,
                    leadText: $"Your request is now linked to the advice in {link.Reference}, and the advice is filled in below. Check it and select Continue.");
            }

            return StepNavigation.Show(linked, state.Step, turn,
                leadText: $"Your request is now linked to the advice in {link.Reference}. Carry on where you left off: change your answer on the card if the advice changed it.");
        }

        if (state is not null)
        {
            return StepNavigation.Show(StepNavigation.Touch(state, turn), state.Step, turn,
                leadText: $"You already have a request in progress. Submit or cancel it (type 'cancel') before you start one linked to {link.Reference}. Here is where you left off.");
        }

        var draft = StepNavigation.NewDraft(turn, revision: 0) with
        {
            Link = link,
            Answers = input.Answers with { Urgency = new UrgencyAnswers { ImmediateDanger = false } },
        };
        // The review re-checks every section and opens the first that needs another look, so the lead goes first on its own.
        var shown = ReviewSubmission.ShowReview(draft, turn);
        return shown with { Replies = [DialogReply.FromText($"A new request linked to {link.Reference}, filled in from it. Edit what has changed, then submit."), .. shown.Replies] };
    }
}
