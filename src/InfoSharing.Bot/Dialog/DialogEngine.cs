using System.Globalization;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The practitioner's dialog as a pure function (docs/domain.md §3): the current draft, what the practitioner
/// did and the context in; the new draft, the replies and the effects out. No I/O, no clock, no logging.
/// This file takes the turn in and answers the commands (new request, help, back, cancel, restart, edit); cancel's
/// choice (delete, or record a decision not to share) is <see cref="CancelChoice"/>, a step's
/// submit is <see cref="StepSubmission"/>, showing a step <see cref="StepNavigation"/>, the review
/// <see cref="ReviewSubmission"/> and a linked start <see cref="LinkedStart"/>.
/// </summary>
public static class DialogEngine
{
    public static DialogResult Next(DialogState? state, DialogInput input, DialogContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var turn = new DialogTurn(context.Policy, context.Now.ToUniversalTime(), context.DialogVersion, input.Actor);
        if (state is not null)
        {
            if (state.DialogVersion != turn.DialogVersion)
            {
                return VersionChanged(input, turn);
            }

            if (turn.Now >= state.ExpiresAt)
            {
                return Expired(input, turn);
            }

            if (!string.Equals(state.Requester.ObjectId, input.Actor.ObjectId, StringComparison.Ordinal))
            {
                return new DialogResult { State = state, Replies = [DialogReply.FromText("This draft belongs to someone else, so it cannot be changed here.")] };
            }
        }

        return input switch
        {
            TypedTextInput text => OnText(state, text.Text, turn),
            CardSubmitInput submit => OnSubmit(state, submit.Values, turn),
            LinkedStartInput linked => LinkedStart.Linked(state, linked, turn),
            _ => Greeting(state, turn),
        };
    }

    /// <summary>The welcome card, e.g. for a new installation or conversation.</summary>
    public static DialogReply Welcome(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return DialogReply.FromCard(WelcomeCard.Build(policy.Texts));
    }

    private static DialogResult OnText(DialogState? state, string text, DialogTurn turn)
    {
        switch (DialogCommands.Parse(text))
        {
            case DialogCommand.NewRequest:
                return StartOrResume(state, turn);
            case DialogCommand.MyRequests:
                return MyRequests(state, turn);
            case DialogCommand.Help:
                return Help(state, turn);
            case DialogCommand.Back:
                return state is null ? NoDraft(turn) : Back(state, turn);
            case DialogCommand.Cancel:
                return state is null ? NoDraft(turn) : CancelChoice.Offer(state, turn);
            case DialogCommand.Restart:
                return Restart(state, turn);
            default:
                return state is null ? Greeting(state, turn) : StepSubmission.TypedAnswer(state, text, turn);
        }
    }

    private static DialogResult OnSubmit(DialogState? state, JsonObject values, DialogTurn turn)
    {
        var action = SubmittedValues.ReadString(values, CardData.Action);
        switch (action)
        {
            case CardData.NewRequest:
                return StartOrResume(state, turn);
            case CardData.MyRequests:
                return MyRequests(state, turn);
            case CardData.Help:
                return Help(state, turn);
            case CardData.Back or CardData.Cancel or CardData.Submit or CardData.Edit or CardData.CancelDelete or CardData.NotShared or CardData.NotSharedRecord:
                if (state is null)
                {
                    return new DialogResult
                    {
                        Replies =
                        [
                            DialogReply.FromText("That card belongs to a request that is no longer open (it was submitted, cancelled or has expired)."),
                            Welcome(turn.Policy),
                        ],
                    };
                }

                if (IsStale(state, values, turn))
                {
                    return StepNavigation.Show(StepNavigation.Touch(state, turn), state.Step, turn,
                        leadText: "That card is out of date: you have moved on since it was sent, so nothing was changed. Here is where you are now.");
                }

                return action switch
                {
                    CardData.Back => Back(state, turn),
                    CardData.Cancel => CancelChoice.Offer(state, turn),
                    CardData.CancelDelete => Cancel(),
                    CardData.NotShared => CancelChoice.ShowReasons(state, turn),
                    CardData.NotSharedRecord => CancelChoice.Record(state, values, turn),
                    CardData.Edit => Edit(state, values, turn),
                    _ => state.Step == DialogStep.Review ? ReviewSubmission.SubmitReview(state, values, turn) : StepSubmission.SubmitStep(state, values, turn),
                };
            default:
                return state is null
                    ? Greeting(state, turn)
                    : StepNavigation.Show(StepNavigation.Touch(state, turn), state.Step, turn, leadText: "I did not recognise that button. Here is where you are now.");
        }
    }

    private static bool IsStale(DialogState state, JsonObject values, DialogTurn turn) =>
        SubmittedValues.ReadInt(values, CardData.DialogVersion) != turn.DialogVersion
        || !string.Equals(SubmittedValues.ReadString(values, CardData.DraftId), state.DraftId, StringComparison.Ordinal)
        || SubmittedValues.ReadInt(values, CardData.Step) != (int)state.Step
        || SubmittedValues.ReadInt(values, CardData.DraftRevision) != state.Revision;

    private static DialogResult Greeting(DialogState? state, DialogTurn turn) =>
        state is null
            ? new DialogResult { Replies = [DialogReply.FromText("Hello. Here is what I can do."), Welcome(turn.Policy)] }
            : StepNavigation.Show(StepNavigation.Touch(state, turn), state.Step, turn);

    private static DialogResult NoDraft(DialogTurn turn) => new()
    {
        Replies = [DialogReply.FromText("You have no request in progress."), Welcome(turn.Policy)],
    };

    private static DialogResult StartOrResume(DialogState? state, DialogTurn turn)
    {
        if (state is null)
        {
            return StepNavigation.Show(StepNavigation.NewDraft(turn, revision: 0), DialogStep.Urgency, turn);
        }

        return StepNavigation.Show(StepNavigation.Touch(state, turn), state.Step, turn,
            leadText: "You already have a request in progress. Here is where you left off. To start again type 'restart'; to delete it type 'cancel'.");
    }

    private static DialogResult MyRequests(DialogState? state, DialogTurn turn) => new()
    {
        State = state is null ? null : StepNavigation.Touch(state, turn),
        Effects = [new ListMyRequestsEffect(turn.Actor)],
    };

    private static DialogResult Help(DialogState? state, DialogTurn turn)
    {
        var texts = turn.Policy.Texts;
        if (state is null)
        {
            return new DialogResult
            {
                Replies = [DialogReply.FromText($"{texts.Welcome}\n\n{texts.CommandsHelp}"), Welcome(turn.Policy)],
            };
        }

        var step = texts.Step((int)state.Step);
        var title = state.Step == DialogStep.Review ? step.Title : StepForms.Title(state.Step, turn.Policy);
        return new DialogResult
        {
            State = StepNavigation.Touch(state, turn),
            Replies = [DialogReply.FromText($"**{title}**\n\n{step.Help}\n\n{texts.CommandsHelp}")],
        };
    }

    private static DialogResult Cancel() => new()
    {
        State = null,
        Replies = [DialogReply.FromText("Your draft request has been cancelled and deleted. Nothing was sent. Type 'new request' to start again.")],
    };

    private static DialogResult Restart(DialogState? state, DialogTurn turn) =>
        StepNavigation.Show(StepNavigation.NewDraft(turn, revision: state?.Revision ?? 0), DialogStep.Urgency, turn,
            leadText: state is null ? "Starting a new request." : "Your answers have been cleared. Let's start again.");

    private static DialogResult VersionChanged(DialogInput input, DialogTurn turn)
    {
        if (IsCommand(input, DialogCommand.Cancel, CardData.Cancel))
        {
            return new DialogResult { Replies = [DialogReply.FromText("Your draft request has been deleted. Nothing was sent.")] };
        }

        return StepNavigation.Show(StepNavigation.NewDraft(turn, revision: 0), DialogStep.Urgency, turn,
            leadText: "Sorry: the questions have changed since you started this draft, so it cannot be continued safely. It has been deleted and nothing was sent. Let's start again.");
    }

    private static DialogResult Expired(DialogInput input, DialogTurn turn)
    {
        var notice = DialogReply.FromText(string.Create(CultureInfo.InvariantCulture,
            $"Your draft request was not used for {turn.Policy.DraftExpiryDays} days, so it has expired and been deleted. Nothing was sent."));
        if (IsCommand(input, DialogCommand.NewRequest, CardData.NewRequest) || IsCommand(input, DialogCommand.Restart, null))
        {
            var fresh = StepNavigation.Show(StepNavigation.NewDraft(turn, revision: 0), DialogStep.Urgency, turn);
            return fresh with { Replies = [notice, .. fresh.Replies] };
        }

        var rest = IsCommand(input, DialogCommand.MyRequests, CardData.MyRequests) ? MyRequests(null, turn)
            : IsCommand(input, DialogCommand.Help, CardData.Help) ? Help(null, turn)
            : new DialogResult { Replies = [Welcome(turn.Policy)] };
        return rest with { State = null, Replies = [notice, .. rest.Replies] };
    }

    private static bool IsCommand(DialogInput input, DialogCommand command, string? action) => input switch
    {
        TypedTextInput text => DialogCommands.Parse(text.Text) == command,
        CardSubmitInput submit => action is not null && SubmittedValues.ReadString(submit.Values, CardData.Action) == action,
        _ => false,
    };

    private static DialogResult Back(DialogState state, DialogTurn turn)
    {
        var cleared = StepNavigation.Touch(state, turn) with { DraftInputs = StepNavigation.Empty, PendingIdentifierWarnings = [] };
        if (state.ReturnToReview && state.Step != DialogStep.Review)
        {
            return ReviewSubmission.ShowReview(cleared with { ReturnToReview = false }, turn, leadText: "Back to the review; the section was not changed.");
        }

        return state.Step switch
        {
            DialogStep.Urgency => StepNavigation.Show(cleared, DialogStep.Urgency, turn, leadText: "This is the first question."),
            DialogStep.Review => StepNavigation.Show(cleared, DialogStep.AdviceAndDeadline, turn),
            _ => StepNavigation.Show(cleared, state.Step - 1, turn),
        };
    }

    private static DialogResult Edit(DialogState state, JsonObject values, DialogTurn turn)
    {
        var section = SubmittedValues.ReadInt(values, CardData.Section);
        if (state.Step != DialogStep.Review || section is null || section < (int)DialogStep.About || section > (int)DialogStep.AdviceAndDeadline)
        {
            return StepNavigation.Show(StepNavigation.Touch(state, turn), state.Step, turn, leadText: "That section cannot be edited. Here is where you are now.");
        }

        return StepNavigation.Show(StepNavigation.Touch(state, turn) with { ReturnToReview = true, DraftInputs = StepNavigation.Empty, PendingIdentifierWarnings = [] }, (DialogStep)section.Value, turn);
    }
}
