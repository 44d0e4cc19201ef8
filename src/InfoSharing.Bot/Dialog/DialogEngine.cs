using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The practitioner's dialog as a pure function (docs/domain.md §3): the current draft, what the practitioner
/// did and the context in; the new draft, the replies and the effects out. No I/O, no clock, no logging.
/// </summary>
public static class DialogEngine
{
    private const int MaxInputLength = PolicyValidator.MaxTextLimit;

    public static DialogResult Next(DialogState? state, DialogInput input, DialogContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var turn = new Turn(context.Policy, context.Now.ToUniversalTime(), context.DialogVersion, input.Actor);
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
            LinkedStartInput linked => Linked(state, linked, turn),
            _ => Greeting(state, turn),
        };
    }

    /// <summary>The welcome card, e.g. for a new installation or conversation.</summary>
    public static DialogReply Welcome(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return DialogReply.FromCard(WelcomeCard.Build(policy.Texts));
    }

    private static DialogResult OnText(DialogState? state, string text, Turn turn)
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
                return state is null ? NoDraft(turn) : Cancel();
            case DialogCommand.Restart:
                return Restart(state, turn);
            default:
                return state is null ? Greeting(state, turn) : TypedAnswer(state, text, turn);
        }
    }

    private static DialogResult OnSubmit(DialogState? state, JsonObject values, Turn turn)
    {
        var action = ReadString(values, CardData.Action);
        switch (action)
        {
            case CardData.NewRequest:
                return StartOrResume(state, turn);
            case CardData.MyRequests:
                return MyRequests(state, turn);
            case CardData.Help:
                return Help(state, turn);
            case CardData.Back or CardData.Cancel or CardData.Submit or CardData.Edit:
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
                    return Show(Touch(state, turn), state.Step, turn,
                        leadText: "That card is out of date: you have moved on since it was sent, so nothing was changed. Here is where you are now.");
                }

                return action switch
                {
                    CardData.Back => Back(state, turn),
                    CardData.Cancel => Cancel(),
                    CardData.Edit => Edit(state, values, turn),
                    _ => state.Step == DialogStep.Review ? SubmitReview(state, values, turn) : SubmitStep(state, values, turn),
                };
            default:
                return state is null
                    ? Greeting(state, turn)
                    : Show(Touch(state, turn), state.Step, turn, leadText: "I did not recognise that button. Here is where you are now.");
        }
    }

    private static bool IsStale(DialogState state, JsonObject values, Turn turn) =>
        ReadInt(values, CardData.DialogVersion) != turn.DialogVersion
        || !string.Equals(ReadString(values, CardData.DraftId), state.DraftId, StringComparison.Ordinal)
        || ReadInt(values, CardData.Step) != (int)state.Step
        || ReadInt(values, CardData.DraftRevision) != state.Revision;

    private static DialogResult Greeting(DialogState? state, Turn turn) =>
        state is null
            ? new DialogResult { Replies = [DialogReply.FromText("Hello. Here is what I can do."), Welcome(turn.Policy)] }
            : Show(Touch(state, turn), state.Step, turn);

    private static DialogResult NoDraft(Turn turn) => new()
    {
        Replies = [DialogReply.FromText("You have no request in progress."), Welcome(turn.Policy)],
    };

    private static DialogResult StartOrResume(DialogState? state, Turn turn)
    {
        if (state is null)
        {
            return Show(NewDraft(turn, revision: 0), DialogStep.Urgency, turn);
        }

        return Show(Touch(state, turn), state.Step, turn,
            leadText: "You already have a request in progress. Here is where you left off. To start again type 'restart'; to delete it type 'cancel'.");
    }

    private static DialogResult MyRequests(DialogState? state, Turn turn) => new()
    {
        State = state is null ? null : Touch(state, turn),
        Effects = [new ListMyRequestsEffect(turn.Actor)],
    };

    private static DialogResult Help(DialogState? state, Turn turn)
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
            State = Touch(state, turn),
            Replies = [DialogReply.FromText($"**{title}**\n\n{step.Help}\n\n{texts.CommandsHelp}")],
        };
    }

    private static DialogResult Cancel() => new()
    {
        State = null,
        Replies = [DialogReply.FromText("Your draft request has been cancelled and deleted. Nothing was sent. Type 'new request' to start again.")],
    };

    private static DialogResult Restart(DialogState? state, Turn turn) =>
        Show(NewDraft(turn, revision: state?.Revision ?? 0), DialogStep.Urgency, turn,
            leadText: state is null ? "Starting a new request." : "Your answers have been cleared. Let's start again.");

    private static DialogResult VersionChanged(DialogInput input, Turn turn)
    {
        if (IsCommand(input, DialogCommand.Cancel, CardData.Cancel))
        {
            return new DialogResult { Replies = [DialogReply.FromText("Your draft request has been deleted. Nothing was sent.")] };
        }

        return Show(NewDraft(turn, revision: 0), DialogStep.Urgency, turn,
            leadText: "Sorry: the questions have changed since you started this draft, so it cannot be continued safely. It has been deleted and nothing was sent. Let's start again.");
    }

    private static DialogResult Expired(DialogInput input, Turn turn)
    {
        var notice = DialogReply.FromText(string.Create(CultureInfo.InvariantCulture,
            $"Your draft request was not used for {turn.Policy.DraftExpiryDays} days, so it has expired and been deleted. Nothing was sent."));
        if (IsCommand(input, DialogCommand.NewRequest, CardData.NewRequest) || IsCommand(input, DialogCommand.Restart, null))
        {
            var fresh = Show(NewDraft(turn, revision: 0), DialogStep.Urgency, turn);
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
        CardSubmitInput submit => action is not null && ReadString(submit.Values, CardData.Action) == action,
        _ => false,
    };

    private static DialogResult Back(DialogState state, Turn turn)
    {
        var cleared = Touch(state, turn) with { DraftInputs = Empty, PendingIdentifierWarnings = [] };
        if (state.ReturnToReview && state.Step != DialogStep.Review)
        {
            return ShowReview(cleared with { ReturnToReview = false }, turn, leadText: "Back to the review; the section was not changed.");
        }

        return state.Step switch
        {
            DialogStep.Urgency => Show(cleared, DialogStep.Urgency, turn, leadText: "This is the first question."),
            DialogStep.Review => Show(cleared, DialogStep.AdviceAndDeadline, turn),
            _ => Show(cleared, state.Step - 1, turn),
        };
    }

    private static DialogResult Edit(DialogState state, JsonObject values, Turn turn)
    {
        var section = ReadInt(values, CardData.Section);
        if (state.Step != DialogStep.Review || section is null || section < (int)DialogStep.About || section > (int)DialogStep.AdviceAndDeadline)
        {
            return Show(Touch(state, turn), state.Step, turn, leadText: "That section cannot be edited. Here is where you are now.");
        }

        return Show(Touch(state, turn) with { ReturnToReview = true, DraftInputs = Empty, PendingIdentifierWarnings = [] }, (DialogStep)section.Value, turn);
    }

    private static DialogResult TypedAnswer(DialogState state, string text, Turn turn)
    {
        var normalised = DialogCommands.Normalise(text);
        var touched = Touch(state, turn);
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
                var values = new Dictionary<string, string>(CurrentValues(state, state.Step, turn), StringComparer.Ordinal)
                {
                    [field.Id] = option.Value,
                };
                return Show(touched with { DraftInputs = values }, state.Step, turn,
                    leadText: $"Noted: {field.Label} {option.Title}. Complete the rest of the form and select Continue.");
            }
        }

        return Show(touched, state.Step, turn,
            leadText: "I did not understand that. Please answer using the card, or type 'help', 'back', 'cancel' or 'restart'.");
    }

    private static DialogResult Urgency(DialogState state, bool immediateDanger, Turn turn)
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
            DraftInputs = Empty,
            PendingIdentifierWarnings = [],
        };
        return Advance(answered, DialogStep.Urgency, turn);
    }

    private static DialogResult SubmitStep(DialogState state, JsonObject submitted, Turn turn)
    {
        var step = state.Step;
        var fields = StepForms.Fields(step, turn.Policy, state.Answers);
        var raw = ExtractValues(fields, submitted);
        var outcome = StepValidator.Validate(step, raw, state.Answers, turn.Policy, turn.Now);
        var errors = new Dictionary<string, string>(outcome.Errors, StringComparer.Ordinal);
        var warnings = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new List<string>();
        var confirmed = new List<string>(state.ConfirmedNoIdentifierFields.Where(f => !fields.Any(x => x.Id == f) || outcome.IdentifierHits.ContainsKey(f)));

        // Cross-check 8: warn once; refuse on the second try unless the practitioner confirms.
        foreach (var (field, hits) in outcome.IdentifierHits)
        {
            var described = IdentifierDetector.Describe(hits);
            if (raw.TryGetValue(field + CardData.NoIdentifierConfirmSuffix, out var tick) && string.Equals(tick, "true", StringComparison.OrdinalIgnoreCase))
            {
                if (!confirmed.Contains(field))
                {
                    confirmed.Add(field);
                }

                continue;
            }

            confirmed.Remove(field);
            pending.Add(field);
            if (state.PendingIdentifierWarnings.Contains(field))
            {
                errors.TryAdd(field, $"Refused: this still looks like it contains {described}. Remove it, or tick the box below to confirm it contains no identifying information.");
                warnings[field] = $"This may contain {described}.";
            }
            else
            {
                warnings[field] = $"This may contain {described}. Do not include anything that could identify the person or anyone else. Change it, or tick the box to confirm it contains no identifying information.";
            }
        }

        var touched = Touch(state, turn);
        if (errors.Count > 0 || warnings.Count > 0)
        {
            var kept = touched with { DraftInputs = raw, PendingIdentifierWarnings = pending, ConfirmedNoIdentifierFields = confirmed };
            var alert = errors.Count > 0
                ? "Please correct the answers marked below. Your other answers are kept."
                : "Please check the answers marked below before you continue.";
            return Show(kept, step, turn, alerts: [alert], errors: errors, warnings: warnings, values: raw);
        }

        if (step == DialogStep.Urgency)
        {
            return Urgency(touched, outcome.Answers.Urgency?.ImmediateDanger == true, turn);
        }

        var accepted = touched with
        {
            Answers = outcome.Answers,
            DraftInputs = Empty,
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
                    return Show(reduced, DialogStep.What, turn, notices: [notes.LessInformation]);
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

        return Advance(accepted, step, turn);
    }

    /// <summary>
    /// A request linked to an earlier record. Advice: the draft (or a new one) carries the link, and a draft waiting at
    /// step 8 gets the advice filled in. Reconsider / widen: a new draft from the earlier answers, shown for review.
    /// </summary>
    private static DialogResult Linked(DialogState? state, LinkedStartInput input, Turn turn)
    {
        var link = input.Link;
        if (input.Answers is null)
        {
            if (state is null)
            {
                return Show(NewDraft(turn, revision: 0) with { Link = link }, DialogStep.Urgency, turn,
                    leadText: $"Starting a new request, linked to the advice in {link.Reference}.");
            }

            var linked = Touch(state, turn) with { Link = link };
            var sought = turn.Policy.Lists.AdviceOptions.FirstOrDefault(a => a.Sought && !a.StartsAdvicePath);
            if (state.Step == DialogStep.AdviceAndDeadline && sought is not null)
            {
                var values = new Dictionary<string, string>(CurrentValues(state, DialogStep.AdviceAndDeadline, turn), StringComparer.Ordinal)
                {
                    [FieldIds.Advice] = sought.Id,
                    [FieldIds.AdviserRole] = "Approver, by anonymised consultation in the bot",
                    [FieldIds.AdviceIdentified] = "no",
                    [FieldIds.AdviceSummary] = link.Summary ?? $"Anonymised consultation {link.Reference}.",
                };
                return Show(linked with { DraftInputs = values, PendingIdentifierWarnings = [] }, DialogStep.AdviceAndDeadline, turn,
                    leadText: $"Your request is now linked to the advice in {link.Reference}, and the advice is filled in below. Check it and select Continue.");
            }

            return Show(linked, state.Step, turn,
                leadText: $"Your request is now linked to the advice in {link.Reference}. Carry on where you left off: change your answer on the card if the advice changed it.");
        }

        if (state is not null)
        {
            return Show(Touch(state, turn), state.Step, turn,
                leadText: $"You already have a request in progress. Submit or cancel it (type 'cancel') before you start one linked to {link.Reference}. Here is where you left off.");
        }

        var draft = NewDraft(turn, revision: 0) with
        {
            Link = link,
            Answers = input.Answers with { Urgency = new UrgencyAnswers { ImmediateDanger = false } },
        };
        // The review re-checks every section and opens the first that needs another look, so the lead goes first on its own.
        var shown = ShowReview(draft, turn);
        return shown with { Replies = [DialogReply.FromText($"A new request linked to {link.Reference}, filled in from it. Edit what has changed, then submit."), .. shown.Replies] };
    }

    private static DialogResult AdvicePath(DialogState state, string trigger, string note, Turn turn)
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

    /// <summary>After a valid step: the next step, or back to the review when editing (via any section an edit made invalid).</summary>
    private static DialogResult Advance(DialogState state, DialogStep completed, Turn turn)
    {
        if (state.ReturnToReview || completed == DialogStep.AdviceAndDeadline)
        {
            return ShowReview(state, turn);
        }

        return Show(state, completed + 1, turn);
    }

    private static DialogResult ShowReview(DialogState state, Turn turn, string? leadText = null, string? declarationError = null, IReadOnlyList<string>? alerts = null)
    {
        var invalid = StepValidator.FirstInvalidStep(state.Answers, turn.Policy, turn.Now);
        if (invalid is { } problem)
        {
            return Show(state with { ReturnToReview = true }, problem.Step, turn,
                alerts: ["Before you can submit, this section needs another look (an answer is missing or no longer fits your other answers)."],
                errors: problem.Outcome.Errors,
                values: StepForms.ValuesFromAnswers(problem.Step, state.Answers, turn.Policy));
        }

        var next = state with { Step = DialogStep.Review, ReturnToReview = false, Revision = state.Revision + 1, DraftInputs = Empty, PendingIdentifierWarnings = [] };
        var policy = turn.Policy;
        var text = policy.Texts.Step((int)DialogStep.Review);
        var model = new ReviewCardModel
        {
            Title = StepForms.Title(DialogStep.Review, policy),
            Intro = $"{text.Intro} Draft started {UkTime.Format(state.CreatedAt)}; it is deleted if not used by {UkTime.Format(state.ExpiresAt)}.",
            Sections = ReviewBuilder.Sections(state.Answers, policy, turn.Now),
            Notices = state.Link is { } link ? [link.Describe(), .. ReviewBuilder.Notices(state.Answers, policy)] : ReviewBuilder.Notices(state.Answers, policy),
            Warnings = [.. ReviewBuilder.Warnings(state.Answers, policy, state.ConfirmedNoIdentifierFields).Select(w => w.Text)],
            Alerts = alerts ?? [],
            DeclarationText = policy.Texts.Notes.Declaration,
            DeclarationError = declarationError,
            Context = Context(next, turn),
        };
        return new DialogResult { State = next, Replies = [DialogReply.FromCard(ReviewCard.Build(model), leadText)] };
    }

    private static DialogResult SubmitReview(DialogState state, JsonObject values, Turn turn)
    {
        var touched = Touch(state, turn);
        if (StepValidator.FirstInvalidStep(state.Answers, turn.Policy, turn.Now) is not null)
        {
            return ShowReview(touched, turn);
        }

        var declared = string.Equals(ReadString(values, FieldIds.Declaration), "true", StringComparison.OrdinalIgnoreCase);
        if (!declared)
        {
            return ShowReview(touched, turn, declarationError: "Tick the declaration to submit.", alerts: ["Tick the declaration, then select Submit."]);
        }

        var a = state.Answers;
        if (a.About is null || a.What is null || a.WithWhom is null || a.Why is null || a.LegalBasis is null
            || a.Necessity is null || a.Consent is null || a.Advice is null)
        {
            return ShowReview(touched, turn);
        }

        var policy = turn.Policy;
        var categories = CrossChecks.ChosenCategories(a, policy);
        var submission = new RequestSubmission
        {
            DraftId = state.DraftId,
            Requester = state.Requester,
            PolicyVersion = policy.Version,
            DialogVersion = turn.DialogVersion,
            CreatedAtUtc = state.CreatedAt,
            SubmittedAtUtc = turn.Now,
            ImmediateDanger = a.Urgency?.ImmediateDanger ?? false,
            About = a.About,
            What = a.What,
            WithWhom = a.WithWhom,
            Why = a.Why,
            LegalBasis = a.LegalBasis,
            Necessity = a.Necessity,
            Consent = a.Consent,
            Advice = a.Advice,
            SpecialCategoryIds = [.. categories.Where(c => c.SpecialCategory).Select(c => c.Id)],
            CriminalOffenceCategoryIds = [.. categories.Where(c => c.CriminalOffence).Select(c => c.Id)],
            Routing = CrossChecks.Routing(a, policy),
            DeadlineId = a.Advice.DeadlineId,
            DueByUtc = Deadlines.DueByUtc(a.Advice, policy, turn.Now),
            Warnings = ReviewBuilder.Warnings(a, policy, state.ConfirmedNoIdentifierFields),
            ConfirmedNoIdentifierFields = state.ConfirmedNoIdentifierFields,
            DeclarationAccepted = true,
            Link = state.Link,
        };
        return new DialogResult
        {
            State = null,
            Replies = [DialogReply.FromText(policy.Texts.Notes.Submitted)],
            Effects = [new SubmitRequestEffect(submission)],
        };
    }

    /// <summary>Sends the card of <paramref name="step"/>: a new revision, so that older cards become stale.</summary>
    private static DialogResult Show(
        DialogState state,
        DialogStep step,
        Turn turn,
        string? leadText = null,
        IReadOnlyList<string>? notices = null,
        IReadOnlyList<string>? alerts = null,
        IReadOnlyDictionary<string, string>? errors = null,
        IReadOnlyDictionary<string, string>? warnings = null,
        IReadOnlyDictionary<string, string>? values = null)
    {
        if (step == DialogStep.Review)
        {
            return ShowReview(state, turn, leadText);
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
            Context = Context(next, turn),
            ShowBack = step != DialogStep.Urgency,
            SubmitTitle = next.ReturnToReview ? "Save and return to review" : "Continue",
        };
        return new DialogResult { State = next, Replies = [DialogReply.FromCard(FormCard.Build(model), leadText)] };
    }

    private static IEnumerable<string> StepNotices(DialogState state, DialogStep step, PolicyDocument policy)
    {
        var routing = CrossChecks.Routing(state.Answers, policy);
        if (step == DialogStep.Consent && routing.ChannelSupportConsentNote)
        {
            yield return policy.Texts.Notes.ChannelSupportConsent;
        }
    }

    /// <summary>The values a step shows: what was entered but not yet accepted, otherwise the saved answers (with confirmations ticked).</summary>
    private static Dictionary<string, string> CurrentValues(DialogState state, DialogStep step, Turn turn)
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
    private static Dictionary<string, string> RecheckWarnings(DialogState state, DialogStep step, IReadOnlyDictionary<string, string> values, Turn turn)
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

    private static DialogState NewDraft(Turn turn, int revision) => new()
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

    private static DialogState Touch(DialogState state, Turn turn) =>
        state with { UpdatedAt = turn.Now, ExpiresAt = turn.Now.AddDays(turn.Policy.DraftExpiryDays) };

    private static CardActionContext Context(DialogState state, Turn turn) =>
        new((int)state.Step, turn.DialogVersion, state.Revision, state.DraftId);

    /// <summary>Only the step's own inputs (and their confirmation boxes), as strings, bounded in length.</summary>
    private static Dictionary<string, string> ExtractValues(IReadOnlyList<FormField> fields, JsonObject submitted)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            foreach (var id in new[] { field.Id, field.Id + CardData.NoIdentifierConfirmSuffix })
            {
                var value = ReadString(submitted, id);
                if (value is not null)
                {
                    values[id] = value.Length > MaxInputLength ? value[..MaxInputLength] : value;
                }
            }
        }

        return values;
    }

    private static string? ReadString(JsonObject values, string key)
    {
        if (!values.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        switch (node)
        {
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.Number => value.ToJsonString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
            case JsonArray array:
                return string.Join(',', array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()));
            default:
                return null;
        }
    }

    private static int? ReadInt(JsonObject values, string key) =>
        int.TryParse(ReadString(values, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private sealed record Turn(PolicyDocument Policy, DateTimeOffset Now, int DialogVersion, DialogActor Actor);
}
