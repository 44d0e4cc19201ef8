using InfoSharing.Bot.Dialog;
using static InfoSharing.Bot.Tests.Dialog.DialogTestKit;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Dialog;

/// <summary>
/// Issue 16, defect 6 (§3): a child-protection referral or another purpose marked urgent cannot be "routine": its
/// deadline defaults to within one working day; "today" ends with the working day, not at midnight.
/// </summary>
public sealed class UrgencyTests
{
    public static TheoryData<string, string, string> Due => new()
    {
        // deadline, now (UTC), due (UTC)
        { "within-one-working-day", "2026-11-11T14:03:00Z", "2026-11-12T14:03:00Z" },   // Wednesday to Thursday
        { "within-one-working-day", "2026-11-13T15:00:00Z", "2026-11-16T15:00:00Z" },   // Friday to Monday
        { "within-one-working-day", "2026-11-14T10:00:00Z", "2026-11-16T10:00:00Z" },   // Saturday to Monday
        { "within-one-working-day", "2026-12-24T10:00:00Z", "2026-12-29T10:00:00Z" },   // Christmas, the weekend and Boxing Day skipped
        { "within-one-working-day", "2027-03-25T09:30:00Z", "2027-03-30T08:30:00Z" },   // Easter, and into British Summer Time (09:30 UK)
        { "today", "2026-11-12T14:03:00Z", "2026-11-12T17:00:00Z" },                    // the end of the working day, not 23:59
        { "today", "2026-06-03T10:00:00Z", "2026-06-03T16:00:00Z" },                    // 17:00 BST
        { "today", "2026-11-12T18:30:00Z", "2026-11-13T00:00:00Z" },                    // after hours: midnight, as before
        { "within-24-hours", "2026-11-12T14:03:00Z", "2026-11-13T14:03:00Z" },
    };

    [Theory]
    [MemberData(nameof(Due))]
    public void DueByUtc_WorkingDaysAndTheWorkingDayEnd(string deadline, string now, string due)
    {
        var advice = new AdviceAnswers { AdviceId = "not-needed", DeadlineId = deadline };

        var result = Deadlines.DueByUtc(advice, PolicyDoc, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), result);
    }

    private static DialogResult Step8(string purposes) => AnswerUntil(DialogStep.AdviceAndDeadline, (step, v) =>
    {
        if (step == DialogStep.Why)
        {
            v[FieldIds.Purposes] = purposes;
        }

        return v;
    });

    [Theory]
    [InlineData("child-protection-referral", true)]
    [InlineData("emergency-vital-interests,multi-agency-meeting", true)]
    [InlineData("child-in-need-early-help", false)]
    [InlineData("prevent-referral", false)]
    public void Advice_UrgentPurpose_IsNeverRoutine_AndDefaultsToOneWorkingDay(string purposes, bool urgent)
    {
        var step8 = Step8(purposes);

        var offered = ElementsById(Card(step8))[FieldIds.Deadline]["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()).ToList();
        Assert.Equal(!urgent, offered.Contains("routine"));
        Assert.Equal(urgent ? "within-one-working-day" : null, InputValue(step8, FieldIds.Deadline));

        var routine = Submit(step8, Sample(DialogStep.AdviceAndDeadline, v => { v[FieldIds.Deadline] = "routine"; v.Remove(FieldIds.DeadlineDate); }));
        if (urgent)
        {
            Assert.Equal(DialogStep.AdviceAndDeadline, routine.State!.Step);
            Assert.Contains("cannot wait as a routine request", ErrorText(routine, FieldIds.Deadline), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(DialogStep.Review, routine.State!.Step);
        }
    }

    [Fact]
    public void Submit_ChildProtectionReferralWithTheDefault_IsDueWithinOneWorkingDay()
    {
        var step8 = Step8("child-protection-referral");
        var review = Submit(step8, Sample(DialogStep.AdviceAndDeadline, v => { v[FieldIds.Deadline] = InputValue(step8, FieldIds.Deadline)!; v.Remove(FieldIds.DeadlineDate); }));

        var result = Submit(review, new Dictionary<string, string> { [FieldIds.Declaration] = "true" });

        var submission = Assert.IsType<SubmitRequestEffect>(Assert.Single(result.Effects)).Submission;
        Assert.Equal("within-one-working-day", submission.DeadlineId);
        Assert.Equal(Now.AddDays(1), submission.DueByUtc); // Thursday 12 Nov 2026 to Friday
    }
}
