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

    [Fact]
    public void ReviewAdviceAndOutcome_UseTheirWindows()
    {
        Assert.Equal([T0.AddHours(2), T0.AddHours(8)], ReminderPlanner.ForEmergencyReview(T0, Options).Select(j => j.DueAt));
        Assert.Equal([T0.AddHours(4), T0.AddHours(24)], ReminderPlanner.ForAdvice(T0, Options).Select(j => j.DueAt));
        Assert.Equal([T0.AddHours(24)], ReminderPlanner.ForOutcome(T0, Options).Select(j => j.DueAt));
    }
}
