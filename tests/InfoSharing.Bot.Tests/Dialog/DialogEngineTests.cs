using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using static InfoSharing.Bot.Tests.Dialog.DialogTestKit;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tests.Dialog;

public sealed class DialogEngineTests
{
    [Theory]
    [InlineData("new request")]
    [InlineData("  NEW   Request ")]
    [InlineData("New request.")]
    public void Next_TypedNewRequest_StartsAtUrgency(string text)
    {
        var result = Type(null, text);

        Assert.Equal(DialogStep.Urgency, result.State!.Step);
        Assert.Equal(DialogDefinition.Version, result.State.DialogVersion);
        Assert.Equal(Practitioner, result.State.Requester);
        Assert.Equal(Now, result.State.CreatedAt);
        Assert.Equal(Now.AddDays(7), result.State.ExpiresAt);
        Assert.Equal(PolicyDoc.Version, result.State.PolicyVersion);
        Assert.True(HasInput(result, FieldIds.ImmediateDanger));
    }

    [Fact]
    public void Next_WelcomeNewRequestButton_StartsAtUrgency()
    {
        var result = Click(null, CardData.NewRequest);

        Assert.Equal(DialogStep.Urgency, result.State!.Step);
        Assert.Empty(result.Effects);
    }

    [Fact]
    public void Next_FreeTextWithoutDraft_ShowsWelcomeCard()
    {
        var result = Type(null, "hello");

        Assert.Null(result.State);
        var card = Card(result);
        Assert.Contains(AllActions(card), a => a["data"]?[CardData.Action]?.GetValue<string>() == CardData.NewRequest);
        Assert.Contains(AllActions(card), a => a["data"]?[CardData.Action]?.GetValue<string>() == CardData.MyRequests);
        Assert.Contains(AllActions(card), a => a["data"]?[CardData.Action]?.GetValue<string>() == CardData.Help);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("Y")]
    public void Next_TypedYesAtUrgency_ShowsEmergencyGuidanceAndSaysSharingMayHappenNow(string text)
    {
        var start = Click(null, CardData.NewRequest);

        var result = Type(start.State, text);

        Assert.Null(result.State);
        var effect = Assert.IsType<StartEmergencyEffect>(Assert.Single(result.Effects));
        Assert.Equal(Practitioner, effect.Requester);
        Assert.Equal(Now.AddHours(24), effect.RetrospectiveRecordDueUtc);
        var reply = Assert.Single(result.Replies);
        Assert.Contains("without waiting for approval", reply.Text, StringComparison.Ordinal);
        var json = reply.Card!.ToJsonString();
        Assert.Contains(PolicyDoc.Texts.Emergency.ActNow[0], json, StringComparison.Ordinal);
        Assert.Contains("necessary and proportionate information now, without waiting for approval", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_UrgencyCardYes_ShowsEmergencyPath()
    {
        var start = Click(null, CardData.NewRequest);

        var result = Submit(start, new Dictionary<string, string> { [FieldIds.ImmediateDanger] = "yes" });

        Assert.Null(result.State);
        Assert.IsType<StartEmergencyEffect>(Assert.Single(result.Effects));
    }

    [Theory]
    [InlineData("no")]
    [InlineData("N")]
    public void Next_TypedNoAtUrgency_GoesToAbout(string text)
    {
        var result = Type(Click(null, CardData.NewRequest).State, text);

        Assert.Equal(DialogStep.About, result.State!.Step);
        Assert.False(result.State.Answers.Urgency!.ImmediateDanger);
    }

    public static TheoryData<DialogStep> FormSteps => new()
    {
        DialogStep.Urgency, DialogStep.About, DialogStep.What, DialogStep.WithWhom, DialogStep.Why,
        DialogStep.LegalBasis, DialogStep.Necessity, DialogStep.Consent, DialogStep.AdviceAndDeadline,
    };

    [Theory]
    [MemberData(nameof(FormSteps))]
    public void Next_ValidAnswersAtStep_MoveToTheNextStepAndKeepEarlierAnswers(DialogStep step)
    {
        var current = AnswerUntil(step);

        var result = Submit(current, Sample(step));

        Assert.Equal(step + 1, result.State!.Step);
        Assert.NotNull(result.State.Answers.Urgency);
        if (step >= DialogStep.About)
        {
            Assert.Equal("CS-123456", result.State.Answers.About!.CaseReference);
        }

        Assert.Empty(result.State.DraftInputs);
        Assert.Empty(result.Effects);
    }

    [Theory]
    [MemberData(nameof(FormSteps))]
    public void Next_EmptySubmitAtStep_ReshowsSameStepWithErrorsAndLosesNoAnswers(DialogStep step)
    {
        var current = AnswerUntil(step);

        var result = Submit(current, new Dictionary<string, string>());

        Assert.Equal(step, result.State!.Step);
        Assert.Equal(current.State!.Answers, result.State.Answers);
        Assert.NotEmpty(ErrorsOf(result));
        Assert.Contains("Please correct", Card(result).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Next_InvalidField_KeepsEnteredValuesAndPutsTheErrorRightUnderTheField()
    {
        var current = AnswerUntil(DialogStep.What);

        var result = Submit(current, Sample(DialogStep.What, v => v[FieldIds.ItemsDescription] = "Too short"));

        Assert.Equal(DialogStep.What, result.State!.Step);
        Assert.Equal("Too short", InputValue(result, FieldIds.ItemsDescription));
        Assert.Equal("offending-history,emotional-mental-health,other", InputValue(result, FieldIds.Categories));
        Assert.Equal("yes", InputValue(result, FieldIds.ContainsOpinion));
        Assert.Contains("at least 30 characters", ErrorText(result, FieldIds.ItemsDescription), StringComparison.Ordinal);
        var body = Card(result)["body"]!.AsArray();
        var inputIndex = body.ToList().FindIndex(e => e?["id"]?.GetValue<string>() == FieldIds.ItemsDescription);
        Assert.Equal(FieldIds.ItemsDescription + CardData.ErrorSuffix, body[inputIndex + 1]!["id"]!.GetValue<string>());
        Assert.Equal("Attention", body[inputIndex + 1]!["color"]!.GetValue<string>());
        Assert.Null(ErrorText(result, FieldIds.Categories));
    }

    [Fact]
    public void Next_SubmitAtReviewWithDeclaration_EmitsExactlyOneSubmitEffectWithEveryAnswerAndDeletesDraft()
    {
        var review = AnswerUntil(DialogStep.Review);

        var result = Submit(review, new Dictionary<string, string> { [FieldIds.Declaration] = "true" });

        Assert.Null(result.State);
        var effect = Assert.IsType<SubmitRequestEffect>(Assert.Single(result.Effects));
        var s = effect.Submission;
        Assert.Equal(PolicyDoc.Version, s.PolicyVersion);
        Assert.Equal(DialogDefinition.Version, s.DialogVersion);
        Assert.Equal(Practitioner, s.Requester);
        Assert.Equal(review.State!.DraftId, s.DraftId);
        Assert.Equal(Now, s.SubmittedAtUtc);
        Assert.Equal(TimeSpan.Zero, s.SubmittedAtUtc.Offset);
        Assert.False(s.ImmediateDanger);
        Assert.Equal("CS-123456", s.About.CaseReference);
        Assert.Equal(["offending-history", "emotional-mental-health", "other"], s.What.CategoryIds);
        Assert.Equal(["emotional-mental-health"], s.SpecialCategoryIds);
        Assert.Equal(["offending-history"], s.CriminalOffenceCategoryIds);
        Assert.Equal("la-prevent-team", s.WithWhom.RecipientTypeId);
        Assert.Equal("sch1-para18", s.LegalBasis.Article9ConditionId);
        Assert.Equal("co-sch1-para18", s.LegalBasis.CriminalOffenceConditionId);
        Assert.Equal(["necessary", "recipient-needs", "accurate", "relevant"], s.Necessity.Checks.Select(c => c.CheckId));
        Assert.Equal("not-relied-on", s.Consent.ConsentStatusId);
        Assert.Equal(["increase-risk"], s.Consent.ReasonIds);
        Assert.Equal("by-date", s.DeadlineId);
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), s.DueByUtc);
        Assert.True(s.Routing.DpoRequired);
        Assert.Equal(["otherCategory", "noAgreement"], s.Routing.DpoReasons);
        Assert.True(s.Routing.PreventLeadRequired);
        Assert.True(s.Routing.ChannelSupportConsentNote);
        Assert.True(s.DeclarationAccepted);
        Assert.Contains(s.Warnings, w => w.Code == "identifiesOthers");
        Assert.Equal(PolicyDoc.Texts.Notes.Submitted, Assert.Single(result.Replies).Text);
    }

    [Fact]
    public void Next_SubmitAtReviewWithoutDeclaration_ReshowsReviewWithTheErrorUnderTheDeclaration()
    {
        var review = AnswerUntil(DialogStep.Review);

        var result = Submit(review, new Dictionary<string, string> { [FieldIds.Declaration] = "false" });

        Assert.Equal(DialogStep.Review, result.State!.Step);
        Assert.Empty(result.Effects);
        Assert.Equal("Tick the declaration to submit.", ErrorText(result, FieldIds.Declaration));
    }

    [Fact]
    public void Next_DoubleClickOnSubmit_SubmitsOnce()
    {
        var review = AnswerUntil(DialogStep.Review);
        var values = new Dictionary<string, string> { [FieldIds.Declaration] = "true" };

        var first = Submit(review, values);
        var second = DialogEngine.Next(first.State, new CardSubmitInput { Actor = Practitioner, Values = WithValues(ActionData(review, CardData.Submit), values) }, Context());

        Assert.Single(first.Effects);
        Assert.Empty(second.Effects);
        Assert.Null(second.State);
        Assert.Contains("no longer open", second.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_ReviewCard_HasAnEditButtonPerSectionAndEveryAnswer()
    {
        var review = AnswerUntil(DialogStep.Review);
        var card = Card(review);
        var edits = AllActions(card).Where(a => a["data"]?[CardData.Action]?.GetValue<string>() == CardData.Edit).ToList();

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], edits.Select(a => a["data"]![CardData.Section]!.GetValue<int>()));
        var json = card.ToJsonString();
        Assert.Contains("CS-123456", json, StringComparison.Ordinal);
        Assert.Contains("The two most recent referral summaries", json, StringComparison.Ordinal);
        Assert.Contains("Designated Safeguarding Lead", json, StringComparison.Ordinal);
        Assert.Contains("12 Nov 2026, 14:03 GMT", json, StringComparison.Ordinal);
        Assert.Contains(PolicyDoc.Texts.Notes.DpoRouting, json, StringComparison.Ordinal);
        Assert.Contains(PolicyDoc.Texts.Notes.PreventRouting, json, StringComparison.Ordinal);
        Assert.True(ElementsById(card).ContainsKey(FieldIds.Declaration));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(8)]
    public void Next_EditFromReview_ShowsTheSectionFilledAndReturnsToReview(int section)
    {
        var review = AnswerUntil(DialogStep.Review);

        var edit = Press(review, CardData.Submit, change: d => { d[CardData.Action] = CardData.Edit; d[CardData.Section] = section; });

        Assert.Equal((DialogStep)section, edit.State!.Step);
        Assert.True(edit.State.ReturnToReview);
        var sample = Sample((DialogStep)section);
        foreach (var (field, value) in sample.Where(kv => HasInput(edit, kv.Key)))
        {
            Assert.Equal(value, InputValue(edit, field));
        }

        Assert.Equal("Save and return to review", AllActions(Card(edit)).First()["title"]!.GetValue<string>());
        var back = Submit(edit, sample);
        Assert.Equal(DialogStep.Review, back.State!.Step);
        Assert.False(back.State.ReturnToReview);
        Assert.Equal(review.State!.Answers.About, back.State.Answers.About);
    }

    [Fact]
    public void Next_EditThatBreaksALaterSection_GoesToThatSectionBeforeTheReview()
    {
        var review = AnswerUntil(DialogStep.Review);
        var edit = Press(review, CardData.Submit, change: d => { d[CardData.Action] = CardData.Edit; d[CardData.Section] = 1; });

        var result = Submit(edit, Sample(DialogStep.About, v => v[FieldIds.AtRisk] = "none-identified"));

        Assert.Equal(DialogStep.LegalBasis, result.State!.Step);
        Assert.True(result.State.ReturnToReview);
        Assert.Contains("paragraph 18", ErrorText(result, FieldIds.Article9Condition), StringComparison.Ordinal);
    }

    [Fact]
    public void Next_EditAddsSpecialCategory_AsksForTheArticle9Condition()
    {
        var review = AnswerUntil(DialogStep.Review, (step, v) =>
        {
            if (step == DialogStep.What)
            {
                v[FieldIds.Categories] = "living-arrangements";
                v[FieldIds.SpecialCategoryContent] = "none";
                v[FieldIds.CriminalOffenceContent] = "no";
            }

            if (step == DialogStep.LegalBasis)
            {
                v.Remove(FieldIds.Article9Condition);
                v.Remove(FieldIds.CriminalOffenceCondition);
            }

            return v;
        });
        Assert.Null(review.State!.Answers.LegalBasis!.Article9ConditionId);
        var edit = Press(review, CardData.Submit, change: d => { d[CardData.Action] = CardData.Edit; d[CardData.Section] = 2; });

        var result = Submit(edit, Sample(DialogStep.What, v => { v[FieldIds.Categories] = "living-arrangements,ethnicity"; v[FieldIds.SpecialCategoryContent] = ""; v[FieldIds.CriminalOffenceContent] = "no"; }));

        Assert.Equal(DialogStep.LegalBasis, result.State!.Step);
        Assert.True(HasInput(result, FieldIds.Article9Condition));
        Assert.Contains("Article 9 condition is required", ErrorText(result, FieldIds.Article9Condition), StringComparison.Ordinal);
    }

    [Fact]
    public void Next_LessWouldDo_SendsBackToWhatAndAsksTheQuestionAgain()
    {
        var why = AnswerUntil(DialogStep.Why);

        var result = Submit(why, Sample(DialogStep.Why, v => v[FieldIds.Minimisation] = "less-information"));

        Assert.Equal(DialogStep.What, result.State!.Step);
        Assert.Contains(PolicyDoc.Texts.Notes.LessInformation, Card(result).ToJsonString(), StringComparison.Ordinal);
        Assert.Null(result.State.Answers.Why!.MinimisationId);
        Assert.True(result.State.Answers.Why.ReducedAfterMinimisationCheck);
        Assert.Equal("offending-history,emotional-mental-health,other", InputValue(result, FieldIds.Categories));

        var reduced = Submit(result, Sample(DialogStep.What, v => v[FieldIds.Categories] = "offending-history"));
        var withWhom = Submit(reduced, Sample(DialogStep.WithWhom));
        Assert.Equal(DialogStep.Why, withWhom.State!.Step);
        Assert.Null(InputValue(withWhom, FieldIds.Minimisation));
        Assert.Equal(Sample(DialogStep.Why)[FieldIds.ExpectedOutcome], InputValue(withWhom, FieldIds.ExpectedOutcome));
        var onwards = Submit(withWhom, Sample(DialogStep.Why));
        Assert.Equal(DialogStep.LegalBasis, onwards.State!.Step);
        Assert.True(onwards.State.Answers.Why!.ReducedAfterMinimisationCheck);
    }

    [Fact]
    public void Next_AnonymisedConsultationWouldDo_OffersTheAdvicePathAndKeepsTheDraft()
    {
        var why = AnswerUntil(DialogStep.Why);

        var result = Submit(why, Sample(DialogStep.Why, v => v[FieldIds.Minimisation] = "anonymised-consultation"));

        Assert.Equal(DialogStep.Why, result.State!.Step);
        var effect = Assert.IsType<StartAdviceEffect>(Assert.Single(result.Effects));
        Assert.Equal("anonymisedConsultation", effect.Trigger);
        Assert.Equal("prevent", effect.Seed.MatterTypeId);
        Assert.Equal("la-prevent-team", effect.Seed.RecipientTypeId);
        Assert.Equal(why.State!.Revision, result.State.Revision);
        Assert.Equal("anonymised-consultation", result.State.DraftInputs[FieldIds.Minimisation]);
    }

    [Fact]
    public void Next_WantAdviceNow_StartsTheAdvicePathAndKeepsTheDraft()
    {
        var advice = AnswerUntil(DialogStep.AdviceAndDeadline);

        var result = Submit(advice, Sample(DialogStep.AdviceAndDeadline, v => v[FieldIds.Advice] = "advice-now"));

        Assert.Equal(DialogStep.AdviceAndDeadline, result.State!.Step);
        Assert.Equal("adviceNow", Assert.IsType<StartAdviceEffect>(Assert.Single(result.Effects)).Trigger);
    }

    [Theory]
    [InlineData(DialogStep.About, DialogStep.Urgency)]
    [InlineData(DialogStep.What, DialogStep.About)]
    [InlineData(DialogStep.LegalBasis, DialogStep.Why)]
    [InlineData(DialogStep.AdviceAndDeadline, DialogStep.Consent)]
    [InlineData(DialogStep.Review, DialogStep.AdviceAndDeadline)]
    public void Next_TypedBack_GoesToThePreviousStepFilled(DialogStep at, DialogStep expected)
    {
        var current = AnswerUntil(at);

        var result = Type(current.State, " Back ");

        Assert.Equal(expected, result.State!.Step);
        Assert.Equal(current.State!.Answers, result.State.Answers);
        foreach (var (field, value) in Sample(expected).Where(kv => HasInput(result, kv.Key)))
        {
            Assert.Equal(value, InputValue(result, field));
        }
    }

    [Fact]
    public void Next_BackButton_GoesToThePreviousStep()
    {
        var current = AnswerUntil(DialogStep.Consent);

        var result = Press(current, CardData.Back);

        Assert.Equal(DialogStep.Necessity, result.State!.Step);
    }

    [Fact]
    public void Next_BackAtUrgency_StaysAndSaysSo()
    {
        var start = Click(null, CardData.NewRequest);

        var result = Type(start.State, "back");

        Assert.Equal(DialogStep.Urgency, result.State!.Step);
        Assert.Contains("first question", result.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_BackWhileEditingFromReview_ReturnsToReviewUnchanged()
    {
        var review = AnswerUntil(DialogStep.Review);
        var edit = Press(review, CardData.Submit, change: d => { d[CardData.Action] = CardData.Edit; d[CardData.Section] = 4; });

        var result = Type(edit.State, "back");

        Assert.Equal(DialogStep.Review, result.State!.Step);
        Assert.False(result.State.ReturnToReview);
        Assert.Equal(review.State!.Answers, result.State.Answers);
    }

    [Theory]
    [InlineData(DialogStep.Urgency)]
    [InlineData(DialogStep.What)]
    [InlineData(DialogStep.Consent)]
    [InlineData(DialogStep.Review)]
    public void Next_TypedCancel_DeletesTheDraftWithAConfirmation(DialogStep at)
    {
        var current = AnswerUntil(at);

        var offered = Type(current.State, "CANCEL");
        Assert.Equal(current.State, offered.State! with { UpdatedAt = current.State!.UpdatedAt, ExpiresAt = current.State.ExpiresAt }); // nothing lost yet
        Assert.Contains("Delete this draft, or record that you decided not to share?", offered.Replies[0].Card!.ToJsonString(), StringComparison.Ordinal);

        var result = Press(offered, CardData.CancelDelete);

        Assert.Null(result.State);
        Assert.Contains("cancelled and deleted", Assert.Single(result.Replies).Text, StringComparison.Ordinal);
        Assert.Empty(result.Effects);
    }

    [Fact]
    public void Next_CancelButton_ThenRecord_ClosesTheDraftAsADecisionNotToShare()
    {
        var current = AnswerUntil(DialogStep.WithWhom);

        var offered = Press(current, CardData.Cancel);
        Assert.NotNull(offered.State);

        var reasons = Press(offered, CardData.NotShared);
        var result = Press(reasons, CardData.NotSharedRecord, change: v =>
        {
            v[SafeguardingFieldIds.NotSharedReasons] = "no-lawful-basis";
            v[SafeguardingFieldIds.NotSharedWhy] = "No lawful basis applies to this recipient for this purpose.";
        });

        Assert.Null(result.State);
        var effect = Assert.IsType<RecordNotSharedEffect>(Assert.Single(result.Effects));
        Assert.Equal(["no-lawful-basis"], effect.Decision.ReasonIds);
        Assert.Equal(current.State!.Answers, effect.Decision.Answers);
        Assert.Equal(DialogTestKit.PolicyDoc.Version, effect.Decision.PolicyVersion);
    }

    [Theory]
    [InlineData(DialogStep.About)]
    [InlineData(DialogStep.Necessity)]
    [InlineData(DialogStep.Review)]
    public void Next_TypedRestart_ClearsEveryAnswerAndStartsAgain(DialogStep at)
    {
        var current = AnswerUntil(at, context: Context(now: Now.AddMinutes(-5)));

        var result = Type(current.State, "restart");

        Assert.Equal(DialogStep.Urgency, result.State!.Step);
        Assert.Equal(DraftAnswers.Empty, result.State.Answers);
        Assert.NotEqual(current.State!.DraftId, result.State.DraftId);
        Assert.Contains("cleared", result.Replies[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DialogStep.Urgency)]
    [InlineData(DialogStep.What)]
    [InlineData(DialogStep.LegalBasis)]
    [InlineData(DialogStep.Review)]
    public void Next_TypedHelp_ExplainsTheCurrentStepFromPolicyAndChangesNothing(DialogStep at)
    {
        var current = AnswerUntil(at);

        var result = Type(current.State, "help");

        Assert.Equal(at, result.State!.Step);
        Assert.Equal(current.State!.Revision, result.State.Revision);
        var reply = Assert.Single(result.Replies);
        Assert.Null(reply.Card);
        Assert.Contains(PolicyDoc.Texts.Step((int)at).Help, reply.Text, StringComparison.Ordinal);
        Assert.Contains(PolicyDoc.Texts.CommandsHelp, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_HelpButtonOnAStepCard_ExplainsThatStep()
    {
        var current = AnswerUntil(DialogStep.Consent);

        var result = Press(current, CardData.Help);

        Assert.Contains(PolicyDoc.Texts.Step(7).Help, Assert.Single(result.Replies).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DialogStep.About)]
    [InlineData(DialogStep.Review)]
    public void Next_TypedMyRequests_EmitsTheEffectAndKeepsTheDraft(DialogStep at)
    {
        var current = AnswerUntil(at);

        var result = Type(current.State, "my requests");

        Assert.Equal(at, result.State!.Step);
        Assert.Equal(Practitioner, Assert.IsType<ListMyRequestsEffect>(Assert.Single(result.Effects)).Requester);
    }

    [Fact]
    public void Next_MyRequestsButtonWithoutDraft_EmitsTheEffect()
    {
        var result = Click(null, CardData.MyRequests);

        Assert.Null(result.State);
        Assert.IsType<ListMyRequestsEffect>(Assert.Single(result.Effects));
    }

    [Fact]
    public void Next_NewRequestWithADraftInProgress_ResumesRatherThanLosingIt()
    {
        var current = AnswerUntil(DialogStep.Why);

        var result = Type(current.State, "new request");

        Assert.Equal(DialogStep.Why, result.State!.Step);
        Assert.Equal(current.State!.Answers, result.State.Answers);
        Assert.Contains("already have a request in progress", result.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_ExpiredDraft_IsDeletedWithANotice()
    {
        var current = AnswerUntil(DialogStep.Why);

        var result = Type(current.State, "hello", Context(now: current.State!.ExpiresAt));

        Assert.Null(result.State);
        Assert.Contains("expired", result.Replies[0].Text, StringComparison.Ordinal);
        Assert.NotNull(Card(result));
    }

    [Fact]
    public void Next_ExpiredDraftAndNewRequest_StartsFresh()
    {
        var current = AnswerUntil(DialogStep.Why);
        var later = current.State!.ExpiresAt.AddHours(1);

        var result = Type(current.State, "new request", Context(now: later));

        Assert.Contains("expired", result.Replies[0].Text, StringComparison.Ordinal);
        Assert.Equal(DialogStep.Urgency, result.State!.Step);
        Assert.Equal(DraftAnswers.Empty, result.State.Answers);
        Assert.Equal(later, result.State.CreatedAt);
    }

    [Fact]
    public void Next_ExpiredDraftAndAStepCardClick_DoesNotApplyTheAnswers()
    {
        var current = AnswerUntil(DialogStep.What);

        var result = Submit(current, Sample(DialogStep.What), Context(now: Now.AddDays(8)));

        Assert.Null(result.State);
        Assert.Contains("expired", result.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_ActivityBeforeExpiry_ExtendsTheExpiry()
    {
        var current = AnswerUntil(DialogStep.What);
        var sixDaysLater = Now.AddDays(6);

        var result = Type(current.State, "help", Context(now: sixDaysLater));

        Assert.Equal(sixDaysLater.AddDays(7), result.State!.ExpiresAt);
        Assert.Equal(sixDaysLater, result.State.UpdatedAt);
    }

    [Fact]
    public void Next_DraftOfAnotherDialogVersion_RestartsPolitelyWithoutAnException()
    {
        var current = AnswerUntil(DialogStep.Consent);
        var old = current.State! with { DialogVersion = DialogDefinition.Version - 1 };

        var result = Submit(current with { State = old }, Sample(DialogStep.Consent));

        Assert.Equal(DialogStep.Urgency, result.State!.Step);
        Assert.Equal(DialogDefinition.Version, result.State.DialogVersion);
        Assert.Equal(DraftAnswers.Empty, result.State.Answers);
        Assert.Contains("questions have changed", result.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_ClickOnACardOfAnEarlierStep_IsRecognisedAsStaleAndChangesNothing()
    {
        var about = AnswerUntil(DialogStep.About);
        var what = Submit(about, Sample(DialogStep.About));

        var stale = Submit(about with { State = what.State }, Sample(DialogStep.About, v => v[FieldIds.CaseReference] = "XY-999999"));

        Assert.Equal(DialogStep.What, stale.State!.Step);
        Assert.Equal("CS-123456", stale.State.Answers.About!.CaseReference);
        Assert.Contains("out of date", stale.Replies[0].Text, StringComparison.Ordinal);
        Assert.True(HasInput(stale, FieldIds.Categories));
        Assert.True(stale.State.Revision > what.State!.Revision);
    }

    [Fact]
    public void Next_ClickOnAnOlderCardOfTheSameStep_IsStale()
    {
        var what = AnswerUntil(DialogStep.What);
        var withError = Submit(what, Sample(DialogStep.What, v => v[FieldIds.ItemsDescription] = "short"));

        var oldCard = Submit(what with { State = withError.State }, Sample(DialogStep.What));

        Assert.Equal(DialogStep.What, oldCard.State!.Step);
        Assert.Null(oldCard.State.Answers.What);
        Assert.Contains("out of date", oldCard.Replies[0].Text, StringComparison.Ordinal);
        Assert.Equal("short", InputValue(oldCard, FieldIds.ItemsDescription));
    }

    [Fact]
    public void Next_ClickOnACardOfAPreviousDraft_IsStale()
    {
        var first = AnswerUntil(DialogStep.About, context: Context(now: Now.AddMinutes(-10)));
        var restarted = Type(first.State, "restart");
        var about = Type(restarted.State, "no");

        var result = Submit(first with { State = about.State }, Sample(DialogStep.About));

        Assert.Contains("out of date", result.Replies[0].Text, StringComparison.Ordinal);
        Assert.Null(result.State!.Answers.About);
    }

    [Fact]
    public void Next_AnotherPersonsInput_DoesNotChangeTheDraft()
    {
        var current = AnswerUntil(DialogStep.What);
        var data = WithValues(ActionData(current, CardData.Submit), Sample(DialogStep.What));

        var result = DialogEngine.Next(current.State, new CardSubmitInput { Actor = new DialogActor("someone-else", "Other"), Values = data }, Context());

        Assert.Same(current.State, result.State);
        Assert.Contains("someone else", result.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_TypedChoiceTitle_FillsThatChoiceAndKeepsTheCard()
    {
        var about = AnswerUntil(DialogStep.About);

        var result = Type(about.State, "prevent concern or referral");

        Assert.Equal(DialogStep.About, result.State!.Step);
        Assert.Equal("prevent", InputValue(result, FieldIds.MatterType));
        Assert.Equal("prevent", result.State.DraftInputs[FieldIds.MatterType]);
        var received = PolicyDoc.Lists.Directions.Single(d => d.Id == "received");
        var second = Type(result.State, received.Title);
        Assert.Equal("prevent", InputValue(second, FieldIds.MatterType));
        Assert.Equal("received", InputValue(second, FieldIds.Direction));
    }

    [Fact]
    public void Next_UnrecognisedText_ReshowsTheCurrentStepWithAHint()
    {
        var current = AnswerUntil(DialogStep.WithWhom);

        var result = Type(current.State, "what now?");

        Assert.Equal(DialogStep.WithWhom, result.State!.Step);
        Assert.Contains("did not understand", result.Replies[0].Text, StringComparison.Ordinal);
        Assert.True(HasInput(result, FieldIds.RecipientType));
    }

    [Fact]
    public void Next_UnknownButton_ReshowsTheCurrentStep()
    {
        var current = AnswerUntil(DialogStep.WithWhom);

        var result = Press(current, CardData.Submit, change: d => d[CardData.Action] = "teleport");

        Assert.Equal(DialogStep.WithWhom, result.State!.Step);
        Assert.Equal(current.State!.Answers, result.State.Answers);
    }

    [Fact]
    public void Next_TeamsStyleValues_AreRead()
    {
        var what = AnswerUntil(DialogStep.What);
        var data = ActionData(what, CardData.Submit);
        foreach (var (key, value) in Sample(DialogStep.What))
        {
            data[key] = value;
        }

        data[FieldIds.Categories] = new JsonArray("offending-history", "other");

        var result = DialogEngine.Next(what.State, new CardSubmitInput { Actor = Practitioner, Values = data }, Context());

        Assert.Equal(DialogStep.WithWhom, result.State!.Step);
        Assert.Equal(["offending-history", "other"], result.State.Answers.What!.CategoryIds);
    }

    [Fact]
    public void FromActivity_ValueObject_IsACardSubmitAndTextIsTyped()
    {
        var submit = DialogInput.FromActivity(null, new JsonObject { ["action"] = "newRequest" }, Practitioner);
        var typed = DialogInput.FromActivity("help", null, Practitioner);
        var empty = DialogInput.FromActivity(null, null, Practitioner);

        Assert.Equal("newRequest", Assert.IsType<CardSubmitInput>(submit).Values["action"]!.GetValue<string>());
        Assert.Equal("help", Assert.IsType<TypedTextInput>(typed).Text);
        Assert.Equal("", Assert.IsType<TypedTextInput>(empty).Text);
    }

    private static JsonObject WithValues(JsonObject data, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            data[key] = value;
        }

        return data;
    }
}
