using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>The review (step 9), pure: every section re-checked before it is shown, then the declaration and the submission.</summary>
internal static class ReviewSubmission
{
    internal static DialogResult ShowReview(DialogState state, DialogTurn turn, string? leadText = null, string? declarationError = null, IReadOnlyList<string>? alerts = null)
    {
        var invalid = StepValidator.FirstInvalidStep(state.Answers, turn.Policy, turn.Now);
        if (invalid is { } problem)
        {
            return StepNavigation.Show(state with { ReturnToReview = true }, problem.Step, turn,
                alerts: ["Before you can submit, this section needs another look (an answer is missing or no longer fits your other answers)."],
                errors: problem.Outcome.Errors,
                values: StepForms.ValuesFromAnswers(problem.Step, state.Answers, turn.Policy));
        }

        var next = state with { Step = DialogStep.Review, ReturnToReview = false, Revision = state.Revision + 1, DraftInputs = StepNavigation.Empty, PendingIdentifierWarnings = [] };
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
            Context = StepNavigation.Context(next, turn),
        };
        return new DialogResult { State = next, Replies = [DialogReply.FromCard(ReviewCard.Build(model), leadText)] };
    }

    internal static DialogResult SubmitReview(DialogState state, JsonObject values, DialogTurn turn)
    {
        var touched = StepNavigation.Touch(state, turn);
        if (StepValidator.FirstInvalidStep(state.Answers, turn.Policy, turn.Now) is not null)
        {
            return ShowReview(touched, turn);
        }

        var declared = string.Equals(SubmittedValues.ReadString(values, FieldIds.Declaration), "true", StringComparison.OrdinalIgnoreCase);
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
}
