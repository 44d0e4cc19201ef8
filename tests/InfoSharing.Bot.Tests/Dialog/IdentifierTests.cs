using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using static InfoSharing.Bot.Tests.Dialog.DialogTestKit;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tests.Dialog;

/// <summary>Cross-check 8: likely identifiers in free text are warned about once, then refused unless confirmed.</summary>
public sealed class IdentifierTests
{
    [Theory]
    [InlineData("Seen at home, SW1A 1AA, last week.", "uk-postcode")]
    [InlineData("lives near m1 1ae", "uk-postcode")]
    [InlineData("born 12/03/2012", "date")]
    [InlineData("born 3 March 2012", "date")]
    [InlineData("born 2012-03-12", "date")]
    [InlineData("NHS 943 476 5919", "nhs-number")]
    [InlineData("NHS 9434765919", "nhs-number")]
    [InlineData("UPN A123456789012 on file", "pupil-number")]
    [InlineData("spoke to Mr Brown", "titled-name")]
    [InlineData("Referral about Jane Smith", "full-name")]
    [InlineData("the Duty Worker Jane Smith-Jones", "full-name")]
    public void Detect_LikelyIdentifier_IsFound(string text, string patternId)
    {
        var hits = IdentifierDetector.Detect(text, PolicyDoc.IdentifierPatterns);

        Assert.Contains(hits, h => h.Id == patternId);
    }

    [Theory]
    [InlineData("The two most recent referral summaries and the attendance record.")]
    [InlineData("MASH Duty Social Worker")]
    [InlineData("Designated Safeguarding Lead")]
    [InlineData("Children Act 2004 section 11")]
    [InlineData("Local Authority Prevent Team")]
    [InlineData("Case CS-1234567890 was discussed at the Channel Panel")]
    [InlineData("")]
    public void Detect_OrdinaryText_FindsNothing(string text)
    {
        Assert.Empty(IdentifierDetector.Detect(text, PolicyDoc.IdentifierPatterns));
    }

    public static TheoryData<DialogStep, string, string> FreeTextFields => new()
    {
        { DialogStep.What, FieldIds.ItemsDescription, "Referral summaries about Jane Smith and her school reports." },
        { DialogStep.What, FieldIds.OthersProtection, "Remove the name of Tom Baker before sharing." },
        { DialogStep.WithWhom, FieldIds.RecipientRole, "Sarah Jones" },
        { DialogStep.Why, FieldIds.ExpectedOutcome, "The team can check NHS number 943 476 5919 against their records." },
        { DialogStep.Why, FieldIds.RiskIfNotShared, "The child at SW1A 1AA may not be protected from further harm." },
        { DialogStep.Necessity, FieldIds.Justification, "Pupil A123456789012 has been of concern and the team needs the summaries to assess the risk." },
        { DialogStep.Consent, FieldIds.Views, "Mr Brown said he does not want the school involved." },
        { DialogStep.AdviceAndDeadline, FieldIds.AdviceSummary, "Advice given on 12/10/2026 that a referral is right." },
    };

    [Theory]
    [MemberData(nameof(FreeTextFields))]
    public void Submit_IdentifierInFreeText_WarnsFirstThenRefusesOnTheSecondTry(DialogStep step, string field, string text)
    {
        var current = AnswerUntil(step);
        var values = Sample(step, v => v[field] = text);

        var warned = Submit(current, values);
        Assert.Equal(step, warned.State!.Step);
        Assert.Contains("This may contain", WarningText(warned, field), StringComparison.Ordinal);
        Assert.Null(ErrorText(warned, field));
        Assert.Equal(text, InputValue(warned, field));
        Assert.True(HasInput(warned, field + CardData.NoIdentifierConfirmSuffix));
        Assert.Contains(field, warned.State.PendingIdentifierWarnings);

        var refused = Submit(warned, values);
        Assert.Equal(step, refused.State!.Step);
        Assert.Contains("Refused", ErrorText(refused, field), StringComparison.Ordinal);

        var removed = Submit(refused, Sample(step));
        Assert.NotEqual(step, removed.State!.Step);
        Assert.Empty(removed.State.ConfirmedNoIdentifierFields);
    }

    [Fact]
    public void Submit_IdentifierWarningConfirmed_IsAcceptedAndRecordedForTheApprover()
    {
        var current = AnswerUntil(DialogStep.WithWhom);
        var values = Sample(DialogStep.WithWhom, v => v[FieldIds.RecipientRole] = "Sarah Jones");
        var warned = Submit(current, values);

        values[FieldIds.RecipientRole + CardData.NoIdentifierConfirmSuffix] = "true";
        var confirmed = Submit(warned, values);

        Assert.Equal(DialogStep.Why, confirmed.State!.Step);
        Assert.Equal("Sarah Jones", confirmed.State.Answers.WithWhom!.RecipientRole);
        Assert.Equal([FieldIds.RecipientRole], confirmed.State.ConfirmedNoIdentifierFields);

        var review = confirmed;
        for (var step = DialogStep.Why; step < DialogStep.Review; step++)
        {
            review = Submit(review, Sample(step));
        }

        var submitted = Submit(review, new Dictionary<string, string> { [FieldIds.Declaration] = "true" });
        var submission = Assert.IsType<SubmitRequestEffect>(Assert.Single(submitted.Effects)).Submission;
        Assert.Equal([FieldIds.RecipientRole], submission.ConfirmedNoIdentifierFields);
        Assert.Contains(submission.Warnings, w => w.Code == "identifierConfirmed");
    }

    [Fact]
    public void Submit_ConfirmationTickedOnFirstTry_IsAcceptedAtOnce()
    {
        var current = AnswerUntil(DialogStep.Consent);

        var result = Submit(current, Sample(DialogStep.Consent, v =>
        {
            v[FieldIds.Views] = "Mr Brown said he agrees.";
            v[FieldIds.Views + CardData.NoIdentifierConfirmSuffix] = "true";
        }));

        Assert.Equal(DialogStep.AdviceAndDeadline, result.State!.Step);
    }

    [Fact]
    public void Edit_ConfirmedField_IsShownWithTheConfirmationTicked()
    {
        var current = AnswerUntil(DialogStep.WithWhom);
        var values = Sample(DialogStep.WithWhom, v =>
        {
            v[FieldIds.RecipientRole] = "Sarah Jones";
            v[FieldIds.RecipientRole + CardData.NoIdentifierConfirmSuffix] = "true";
        });
        var next = Submit(current, values);

        var back = Type(next.State, "back");

        Assert.Equal(DialogStep.WithWhom, back.State!.Step);
        Assert.Equal("true", InputValue(back, FieldIds.RecipientRole + CardData.NoIdentifierConfirmSuffix));
        Assert.Contains("you confirmed", WarningText(back, FieldIds.RecipientRole), StringComparison.Ordinal);
    }
}
