using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// Cancel, pure (§3.1): "Delete this draft, or record that you decided not to share?". Deleting leaves only the
/// draft's audit entries; recording asks for the reasons and a sentence and closes the draft as a not-shared record.
/// </summary>
internal static class CancelChoice
{
    internal static DialogResult Offer(DialogState state, DialogTurn turn)
    {
        var touched = StepNavigation.Touch(state, turn);
        var context = StepNavigation.Context(touched, turn);
        var card = FormCard.Build(new FormCardModel
        {
            Title = "Delete this draft, or record that you decided not to share?",
            Intro = "If you decided not to share, record it: the decision and its reasons are kept with your answers so far. Deleting keeps nothing.",
            Fields = [],
            Actions =
            [
                new("Record that I decided not to share", AdaptiveCard.Data(CardData.NotShared, context), Style: "positive", SendsInputs: false),
                new("Delete the draft", AdaptiveCard.Data(CardData.CancelDelete, context), Style: "destructive", SendsInputs: false),
            ],
        });
        return new DialogResult
        {
            State = touched,
            Replies = [DialogReply.FromCard(card, "To carry on with the draft instead, use its last card.")],
        };
    }

    internal static DialogResult ShowReasons(DialogState state, DialogTurn turn)
    {
        var touched = StepNavigation.Touch(state, turn);
        return new DialogResult { State = touched, Replies = [DialogReply.FromCard(SafeguardingFormCards.NotShared(turn.Policy, StepNavigation.Context(touched, turn)))] };
    }

    /// <summary>The reasons card's Submit: refused with the fields marked (nothing lost), or the draft closed as a not-shared record.</summary>
    internal static DialogResult Record(DialogState state, JsonObject submitted, DialogTurn turn)
    {
        var touched = StepNavigation.Touch(state, turn);
        var values = SubmittedValues.Of(submitted, NotSharedForm.Fields(turn.Policy));
        var outcome = NotSharedForm.Validate(values, SubmittedValues.Warned(submitted), turn.Policy, state);
        if (outcome.Value is not { } decision)
        {
            return new DialogResult
            {
                State = touched,
                Replies = [DialogReply.FromCard(SafeguardingFormCards.NotShared(turn.Policy, StepNavigation.Context(touched, turn), values, outcome))],
            };
        }

        return new DialogResult { State = null, Effects = [new RecordNotSharedEffect(state.Requester, decision)] };
    }
}
