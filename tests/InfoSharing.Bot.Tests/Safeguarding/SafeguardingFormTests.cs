using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Tests.Dialog;
using F = InfoSharing.Bot.Cards.SafeguardingFieldIds;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>The safeguarding forms' server-side checks (pure, table-driven).</summary>
public sealed class SafeguardingFormTests
{
    private static readonly PolicyDocument Policy = DialogTestKit.PolicyDoc;
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> With(Dictionary<string, string> values, string field, string? value)
    {
        if (value is null)
        {
            values.Remove(field);
        }
        else
        {
            values[field] = value;
        }

        return values;
    }

    public static TheoryData<string, string?, string> ShortRecordFaults => new()
    {
        { F.EmergencyShared, null, F.EmergencyShared },
        { F.EmergencyCaseReference, null, F.EmergencyCaseReference },
        { F.EmergencyCaseReference, "Jane Smith", F.EmergencyCaseReference },
        { F.EmergencyCaseReference, "12345", F.EmergencyCaseReference },
        { F.EmergencyCategories, null, F.EmergencyCategories },
        { F.EmergencyCategories, "made-up", F.EmergencyCategories },
        { F.EmergencyRecipientType, null, F.EmergencyRecipientType },
        { F.EmergencyRecipientRole, null, F.EmergencyRecipientRole },
        { F.EmergencySharedOn, null, F.EmergencySharedOn },
        { F.EmergencySharedAt, "25:99", F.EmergencySharedAt },
        { F.EmergencySharedOn, "2026-11-25", F.EmergencySharedOn },   // the future
        { F.EmergencySharedOn, "2026-11-10", F.EmergencySharedOn },   // more than 7 days ago
        { F.EmergencyMethod, null, F.EmergencyMethod },
        { F.EmergencyAuthorisedBy, null, F.EmergencyAuthorisedBy },   // authorised, but by whom?
    };

    [Theory]
    [MemberData(nameof(ShortRecordFaults))]
    public void EmergencyShortRecord_EachFault_IsRefusedBesideItsField(string field, string? value, string errorField)
    {
        var outcome = EmergencyRecordForm.ValidateShort(With(EmergencyJourneyTests.ShortRecord(Now), field, value), [], Policy, Now);
        Assert.False(outcome.IsAccepted);
        Assert.True(outcome.Errors.ContainsKey(errorField), string.Join("; ", outcome.Errors));
    }

    [Fact]
    public void EmergencyShortRecord_Valid_IsAcceptedInUtc()
    {
        var outcome = EmergencyRecordForm.ValidateShort(EmergencyJourneyTests.ShortRecord(Now), [], Policy, Now);
        Assert.True(outcome.IsAccepted, string.Join("; ", outcome.Errors));
        Assert.Equal(Now.AddMinutes(-30), outcome.Value!.SharedAtUtc);
        Assert.Equal(["offending-history", "living-arrangements", "emotional-mental-health"], outcome.Value.CategoryIds); // policy order
    }

    [Fact]
    public void EmergencyShortRecord_NothingShared_NeedsOnlyTheReason()
    {
        var values = new Dictionary<string, string> { [F.EmergencyShared] = "no" };
        Assert.True(EmergencyRecordForm.ValidateShort(values, [], Policy, Now).Errors.ContainsKey(F.EmergencyNotSharedReason));
        values[F.EmergencyNotSharedReason] = "The ambulance crew took over.";
        var outcome = EmergencyRecordForm.ValidateShort(values, [], Policy, Now);
        Assert.True(outcome.IsAccepted);
        Assert.False(outcome.Value!.Shared);
    }

    [Theory]
    [InlineData("2026-06-15", "10:30", "2026-06-15T09:30:00Z")] // British Summer Time
    [InlineData("2026-11-24", "10:30", "2026-11-24T10:30:00Z")] // GMT
    public void UkLocalTime_IsStoredInUtc(string date, string time, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture),
            SafeguardingForms.UkLocalToUtc(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));

    public static TheoryData<string, string?, string> FullRecordFaults => new()
    {
        { F.EmergencyItems, "too short", F.EmergencyItems },
        { F.EmergencyWhyNow, null, F.EmergencyWhyNow },
        { F.EmergencyArticle6, "consent", F.EmergencyArticle6 },
        { F.EmergencyArticle6, "legitimate-interests", F.EmergencyArticle6 }, // hidden for a public authority
        { F.EmergencyArticle9, null, F.EmergencyArticle9 },                   // special category chosen
        { F.EmergencyCriminalOffence, null, F.EmergencyCriminalOffence },     // offending history chosen
        { F.EmergencyInformed, "no", F.EmergencyInformedReason },            // "no" needs the reason
        { F.EmergencyContentLocation, null, F.EmergencyContentLocation },
    };

    [Theory]
    [MemberData(nameof(FullRecordFaults))]
    public void EmergencyFullRecord_EachFault_IsRefusedBesideItsField(string field, string? value, string errorField)
    {
        var record = EmergencyRecordForm.ValidateShort(EmergencyJourneyTests.ShortRecord(Now), [], Policy, Now).Value!;
        var outcome = EmergencyRecordForm.ValidateFull(With(EmergencyJourneyTests.FullRecord(), field, value), [], Policy, record);
        Assert.False(outcome.IsAccepted);
        Assert.True(outcome.Errors.ContainsKey(errorField), string.Join("; ", outcome.Errors));
    }

    [Theory]
    [InlineData("Seen by Jane Smith at the school.", "a first and last name")]
    [InlineData("Lives near SW1A 1AA with an uncle.", "a UK postcode")]
    [InlineData("The referral for CS-998877 was closed.", "a case reference")]
    [InlineData("Born 12/03/2012, the pupil says so.", "a date")]
    public void Consultation_Identifiers_WarnedOnce_RefusedTheSecondTime_AcceptedWhenConfirmed(string description, string described)
    {
        var values = With(AdviceJourneyTests.Consultation(), F.AdviceDescription, description + " They are worried about what happens at home.");

        var first = AdviceConsultationForm.Validate(values, [], Policy, "command");
        Assert.False(first.IsAccepted);
        Assert.Empty(first.Errors);
        Assert.Contains(described, first.Warnings[F.AdviceDescription], StringComparison.Ordinal);
        Assert.Equal([F.AdviceDescription], first.Warned);

        var second = AdviceConsultationForm.Validate(values, first.Warned, Policy, "command");
        Assert.StartsWith("Refused", second.Errors[F.AdviceDescription], StringComparison.Ordinal);

        values[F.AdviceDescription + CardData.NoIdentifierConfirmSuffix] = "true";
        var confirmed = AdviceConsultationForm.Validate(values, second.Warned, Policy, "command");
        Assert.True(confirmed.IsAccepted);
        Assert.False(confirmed.Value!.IdentityDisclosed);
        Assert.Equal([F.AdviceDescription], confirmed.Value.ConfirmedNoIdentifierFields);
    }

    [Theory]
    [InlineData("Refer now.", "make-referral", true)]
    [InlineData("Short", "make-referral", false)]
    [InlineData("Refer to the MASH today.", null, false)]
    [InlineData("Refer to the MASH today.", "maybe", false)]
    public void AdviceAnswer_NeedsTextAndAKnownSuggestedOutcome(string text, string? outcome, bool accepted)
    {
        var (answer, errors) = AdviceConsultationForm.ValidateAnswer(text, outcome, Policy);
        Assert.Equal(accepted, answer is not null);
        Assert.Equal(accepted, errors.Count == 0);
    }

    private static readonly ApprovedScope Scope = new(["emotional-mental-health", "family-relationships"], "la-childrens-social-care", "secure-portal", Now.AddHours(-2));

    public static TheoryData<string, string?, string> OutcomeFaults => new()
    {
        { F.Outcome, null, F.Outcome },
        { F.OutcomeSharedOn, null, F.OutcomeSharedOn },
        { F.OutcomeSharedOn, "2026-11-20", F.OutcomeSharedOn },   // before the request was submitted
        { F.OutcomeSharedBy, null, F.OutcomeSharedBy },
        { F.OutcomeMethod, null, F.OutcomeMethod },
        { F.OutcomeContentLocation, null, F.OutcomeContentLocation },
    };

    [Theory]
    [MemberData(nameof(OutcomeFaults))]
    public void Outcome_EachFault_IsRefusedBesideItsField(string field, string? value, string errorField)
    {
        var outcome = OutcomeRecordForm.Validate(With(OutcomeJourneyTests.SharedAsApproved(Now), field, value), [], Policy, Scope, Now);
        Assert.False(outcome.IsAccepted);
        Assert.True(outcome.Errors.ContainsKey(errorField), string.Join("; ", outcome.Errors));
    }

    [Theory]
    [InlineData("emotional-mental-health", "la-childrens-social-care", true, 0, false)]         // less than approved: fine
    [InlineData("emotional-mental-health,offending-history", "la-childrens-social-care", false, 1, false)]
    [InlineData("emotional-mental-health", "police", false, 0, true)]
    [InlineData("emotional-mental-health,lifestyle", "police", false, 1, true)]
    public void Outcome_SharedWithChanges_WideningTheScopeNeedsANewApproval(string categories, string recipient, bool accepted, int newCategories, bool newRecipient)
    {
        var values = OutcomeJourneyTests.SharedAsApproved(Now);
        values[F.Outcome] = "shared-with-changes";
        values[F.OutcomeChanges] = "The recipient asked for a change.";
        values[F.OutcomeCategories] = categories;
        values[F.OutcomeRecipientType] = recipient;

        var outcome = OutcomeRecordForm.Validate(values, [], Policy, Scope, Now);

        Assert.Equal(accepted, outcome.IsAccepted);
        Assert.Equal(newCategories, outcome.Wider?.NewCategoryIds.Count ?? 0);
        Assert.Equal(newRecipient, outcome.Wider?.NewRecipientTypeId is not null);
    }

    [Theory]
    [InlineData(0, true)]       // the same minute as the submission (the inputs have no seconds)
    [InlineData(-1, false)]     // the minute before it
    public void Outcome_SharedInTheMinuteOfSubmission_IsAccepted(int minutes, bool accepted)
    {
        var submitted = new DateTimeOffset(2026, 11, 24, 8, 47, 35, TimeSpan.Zero);
        var values = OutcomeJourneyTests.SharedAsApproved(submitted.AddSeconds(-35).AddMinutes(minutes));
        var outcome = OutcomeRecordForm.Validate(values, [], Policy, Scope with { SubmittedAtUtc = submitted }, submitted.AddSeconds(10));
        Assert.Equal(accepted, outcome.IsAccepted);
    }

    [Fact]
    public void Outcome_NotShared_NeedsWhyAndWhetherTheRequesterWasTold()
    {
        var values = new Dictionary<string, string> { [F.Outcome] = "not-shared" };
        var outcome = OutcomeRecordForm.Validate(values, [], Policy, Scope, Now);
        Assert.True(outcome.Errors.ContainsKey(F.OutcomeNotSharedReason));
        Assert.True(outcome.Errors.ContainsKey(F.OutcomeRequesterTold));
        Assert.False(outcome.Errors.ContainsKey(F.OutcomeContentLocation));
    }
}
