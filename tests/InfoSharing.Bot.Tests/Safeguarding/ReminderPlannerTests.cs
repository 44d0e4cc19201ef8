using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>When reminders and escalations fall due (pure, table-driven).</summary>
public sealed class ReminderPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly ReminderOptions Options = new();

    public static TheoryData<string?, double?, double?, double> Requests => new()
    {
        // deadline id, hours to the deadline, expected reminder (hours after submission), expected escalation
        { "within-24-hours", 24, 20, 24 },          // 4 hours before
        { "by-date", 87, 83, 87 },
        { "today", 15, 14, 15 },                    // the short window: 1 hour before
        { "today", 1, 0.5, 1 },                     // less time left than the window: halfway
        { "within-24-hours", 3, 1.5, 3 },
        { "routine", null, 72, 168 },               // no deadline: after 3 days, escalated after 7
        { null, null, 72, 168 },
        { "today", 0, null, 0 },                    // already due: escalated at once
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void ForRequest_RemindsBeforeTheDeadlineAndEscalatesWhenItPasses(string? deadlineId, double? hoursToDeadline, double? remindAfter, double escalateAfter)
    {
        var jobs = ReminderPlanner.ForRequest(deadlineId, hoursToDeadline is { } h ? T0.AddHours(h) : null, T0, Options);

        var reminder = jobs.SingleOrDefault(j => j.Kind == JobKinds.ApproverReminder);
        Assert.Equal(remindAfter is { } r ? T0.AddHours(r) : null, reminder?.DueAt);
        Assert.Equal(T0.AddHours(escalateAfter), jobs.Single(j => j.Kind == JobKinds.ApproverEscalation).DueAt);
        Assert.All(jobs, j => Assert.Equal(1, j.Sequence));
    }

    [Theory]
    [InlineData(24, 4, 24)]   // the policy's default window: first reminder after 4 hours, overdue at 24
    [InlineData(2, 2, 2)]     // a window shorter than the interval: reminded when it ends
    public void ForEmergency_RemindsInTheShortWindowAndMarksItOverdueAtTheEnd(int windowHours, int firstReminder, int overdue)
    {
        var jobs = ReminderPlanner.ForEmergency(T0, T0.AddHours(windowHours), Options);
        Assert.Equal(T0.AddHours(firstReminder), jobs.Single(j => j.Kind == JobKinds.PractitionerReminder).DueAt);
        Assert.Equal(T0.AddHours(overdue), jobs.Single(j => j.Kind == JobKinds.RecordOverdue).DueAt);
    }

    [Theory]
    [InlineData(RecordKinds.Emergency, 1, 4)]
    [InlineData(RecordKinds.Request, 1, 48)]
    [InlineData(RecordKinds.Emergency, 9, 4)]
    public void NextPractitionerReminder_FollowsItsInterval(string kind, int sequence, int hours)
    {
        var next = ReminderPlanner.NextPractitionerReminder(sequence, T0, kind, Options);
        Assert.NotNull(next);
        Assert.Equal(sequence + 1, next.Sequence);
        Assert.Equal(T0.AddHours(hours), next.DueAt);
    }

    [Fact]
    public void NextPractitionerReminder_StopsAfterTheMost() =>
        Assert.Null(ReminderPlanner.NextPractitionerReminder(Options.MaxPractitionerReminders, T0, RecordKinds.Emergency, Options));

    [Theory]
    // interval hours, unanswered after hours, expected reminders (hours after the question) until the unanswered notice
    [InlineData(24, 72, new double[] { 24, 48 })]   // the defaults: a reminder a day, unanswered after 3 days
    [InlineData(24, 60, new double[] { 24, 48 })]
    [InlineData(8, 24, new double[] { 8, 16 })]
    [InlineData(48, 48, new double[] { })]          // the interval reaches the limit: no reminder, only the notice
    [InlineData(0, 72, new double[] { })]           // reminders switched off
    public void ForMoreInfo_RemindsAtTheIntervalUntilTheLimit(double intervalHours, double limitHours, double[] reminders)
    {
        var options = new ReminderOptions { MoreInfoReminderInterval = TimeSpan.FromHours(intervalHours), MoreInfoUnansweredAfter = TimeSpan.FromHours(limitHours) };

        var planned = ReminderPlanner.ForMoreInfo(T0, options);
        var due = planned.Where(j => j.Kind == JobKinds.MoreInfoReminder).ToList();
        for (var next = due.LastOrDefault(); next is not null; next = ReminderPlanner.NextMoreInfoReminder(next.Sequence, next.DueAt, options))
        {
            if (!due.Contains(next))
            {
                due.Add(next);
            }
        }

        Assert.Equal(reminders.Select(h => T0.AddHours(h)), due.Select(j => j.DueAt));
        Assert.Equal(Enumerable.Range(1, reminders.Length), due.Select(j => j.Sequence));
        var unanswered = Assert.Single(planned, j => j.Kind == JobKinds.MoreInfoUnanswered);
        Assert.Equal(T0.AddHours(limitHours), unanswered.DueAt);
    }

    [Fact]
    public void MoreInfoJobs_AreTheirOwnKinds_NotTheApproversNorTheOutcomes()
    {
        Assert.All(ReminderPlanner.ForMoreInfo(T0, Options), j => Assert.True(JobKinds.ForMoreInfo(j.Kind) && !JobKinds.ForApprovers(j.Kind) && j.Kind != JobKinds.PractitionerReminder));
        Assert.Equal(TimeSpan.FromHours(24), Options.MoreInfoReminderInterval);
        Assert.Equal(TimeSpan.FromDays(3), Options.MoreInfoUnansweredAfter);
    }

    [Fact]
    public void ReviewAdviceAndOutcome_UseTheirWindows()
    {
        Assert.Equal([T0.AddHours(2), T0.AddHours(8)], ReminderPlanner.ForEmergencyReview(T0, Options).Select(j => j.DueAt));
        Assert.Equal([T0.AddHours(4), T0.AddHours(24)], ReminderPlanner.ForAdvice(T0, Options).Select(j => j.DueAt));
        Assert.Equal([T0.AddHours(24)], ReminderPlanner.ForOutcome(T0, Options).Select(j => j.DueAt));
    }
}
