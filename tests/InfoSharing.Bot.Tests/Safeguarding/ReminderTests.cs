using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>
/// Reminders and escalation, driven by a fake clock through the real host: the right times, once each, nothing after a
/// decision or once a record is complete, and the schedule survives a restart (it lives in the database).
/// </summary>
public sealed class ReminderTests : IAsyncLifetime
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private SafeguardingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await SafeguardingWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    private int Count(string thread, string text) => _w.ThreadMessages(thread).Count(m => m.Text?.Contains(text, StringComparison.Ordinal) == true);

    private Task<int> PendingJobsAsync(Guid id) => _w.QueryAsync(db => db.ScheduledJobs.CountAsync(j => j.RequestId == id && j.Status == JobStatus.Pending));

    [Fact]
    public async Task PendingRequest_RemindedAsTheDeadlineNears_EscalatedWithDeputiesMentionedWhenItPasses_OnceEach()
    {
        var id = await _w.SubmitRequestAsync(); // within 24 hours: due at 09:00 tomorrow, reminder 4 hours before
        var (thread, _) = await _w.CardPostedAsync(id);

        Assert.Equal(0, await _w.AdvanceAsync(TimeSpan.FromHours(20) - Minute));
        Assert.Equal(0, Count(thread, "Reminder"));

        Assert.Equal(1, await _w.AdvanceAsync(2 * Minute));
        var reminder = await _w.Channel.WaitForAsync(c => c.Path == $"/v3/conversations/{thread}/activities" && c.Text?.Contains("Reminder", StringComparison.Ordinal) == true);
        Assert.Contains("due by 25 Nov 2026, 09:00 GMT", reminder.Text, StringComparison.Ordinal);
        // The reminder mentions the people who may decide (deputies first), never the practitioner; the DPO is not in the team.
        Assert.Equal(["29:deputy", "29:approver"], reminder.Body!["entities"]!.AsArray().Select(e => e!["mentioned"]!["id"]!.GetValue<string>()));
        Assert.Contains("1 more who may decide is not in the approvers' team", reminder.Text, StringComparison.Ordinal);

        Assert.Equal(0, await _w.AdvanceAsync(TimeSpan.FromHours(4) - 3 * Minute)); // 08:59 the next day
        Assert.Equal(1, await _w.AdvanceAsync(2 * Minute));
        var escalation = await _w.Channel.WaitForAsync(c => c.Path == $"/v3/conversations/{thread}/activities" && c.Text?.Contains("Escalation", StringComparison.Ordinal) == true);
        Assert.Contains("passed its deadline", escalation.Text, StringComparison.Ordinal);
        Assert.Contains("<at>29:deputy</at>", escalation.Text, StringComparison.Ordinal);
        var mention = escalation.Body!["entities"]![0]!;
        Assert.Equal("mention", mention["type"]!.GetValue<string>());
        Assert.Equal("29:deputy", mention["mentioned"]!["id"]!.GetValue<string>());

        Assert.Equal(0, await _w.AdvanceAsync(TimeSpan.FromDays(5)));
        Assert.Equal(1, Count(thread, "Reminder"));
        Assert.Equal(1, Count(thread, "Escalation"));
        Assert.Equal(2, await _w.QueryAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == id.ToString() && (e.Action == "reminder-sent" || e.Action == "escalated"))));
    }

    [Fact]
    public async Task UrgentToday_UsesTheShortWindow()
    {
        var id = await _w.SubmitRequestAsync((step, v) =>
        {
            if (step == DialogStep.AdviceAndDeadline)
            {
                v[FieldIds.Deadline] = "today"; // ends with the working day (17:00 UK, GMT in November), not at midnight: reminded at 16:00, not 23:00 (issue 16)
            }
        });
        var (thread, _) = await _w.CardPostedAsync(id);

        Assert.Equal(0, await _w.AdvanceAsync(TimeSpan.FromHours(7) - Minute));
        Assert.Equal(1, await _w.AdvanceAsync(2 * Minute));
        await _w.Channel.WaitForAsync(c => c.Path == $"/v3/conversations/{thread}/activities" && c.Text?.Contains("due by 24 Nov 2026, 17:00 GMT", StringComparison.Ordinal) == true);
        Assert.Equal(1, await _w.AdvanceAsync(TimeSpan.FromHours(1)));
        await _w.Channel.WaitForAsync(c => c.Path == $"/v3/conversations/{thread}/activities" && c.Text?.Contains("Escalation", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task NothingFiresAfterADecision_CancelledWithTheDecision_AndCheckedAgainAtFireTime()
    {
        var id = await _w.SubmitRequestAsync();
        var (thread, _) = await _w.CardPostedAsync(id);
        _w.Clock.Advance(TimeSpan.FromHours(1));
        await _w.ClickAsync(id, ApprovalVerbs.Approve);

        Assert.Equal(2, await _w.QueryAsync(db => db.ScheduledJobs.CountAsync(j => j.RequestId == id && j.Status == JobStatus.Cancelled && j.Kind != JobKinds.PractitionerReminder)));

        // A job the cancellation could not have seen (e.g. scheduled by an older instance) is checked when it falls due.
        await _w.QueryAsync(async db =>
        {
            db.ScheduledJobs.Add(new ScheduledJobRow
            {
                Id = Guid.CreateVersion7(), Kind = JobKinds.ApproverEscalation, RequestId = id, Sequence = 2,
                DueAt = _w.Clock.GetUtcNow().UtcDateTime.AddHours(2), Status = JobStatus.Pending, CreatedAt = _w.Clock.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });

        await _w.AdvanceAsync(TimeSpan.FromHours(3));
        var late = await _w.QueryAsync(db => db.ScheduledJobs.AsNoTracking().SingleAsync(j => j.RequestId == id && j.Sequence == 2));
        Assert.Equal(JobStatus.Cancelled, late.Status);
        Assert.Contains("no longer awaiting", late.Result, StringComparison.Ordinal);

        await _w.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Equal(0, Count(thread, "Reminder") + Count(thread, "Escalation"));
    }

    [Fact]
    public async Task WhileMoreInformationIsRequested_ApproverRemindersWait_ThenFireWhenPendingAgain()
    {
        var id = await _w.SubmitRequestAsync();
        var (thread, _) = await _w.CardPostedAsync(id);
        await _w.ClickAsync(id, ApprovalVerbs.MoreInfo, new JsonObject { ["question"] = "Which agency asked for this information?" });
        var asked = await _w.NoticeToPractitionerAsync("answerMoreInfo");

        Assert.Equal(1, await _w.AdvanceAsync(TimeSpan.FromHours(20) + Minute)); // claimed, but deferred
        Assert.Equal(0, Count(thread, "Reminder"));
        Assert.Equal(JobStatus.Pending, await _w.QueryAsync(db => db.ScheduledJobs.Where(j => j.RequestId == id && j.Kind == JobKinds.ApproverReminder).Select(j => j.Status).SingleAsync()));

        _w.TakeNewPersonal();
        await _w.SubmitAsync(new Dictionary<string, string> { ["answer"] = "The MASH asked for it after a police referral." }, "answerMoreInfo", asked.Card);
        Assert.Equal(RequestStatus.Pending, await _w.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));

        Assert.True(await _w.AdvanceAsync(TimeSpan.FromHours(1)) >= 1);
        await _w.Channel.WaitForAsync(c => c.Path == $"/v3/conversations/{thread}/activities" && c.Text?.Contains("Reminder", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Schedule_SurvivesARestart()
    {
        var id = await _w.SubmitRequestAsync();
        var (thread, _) = await _w.CardPostedAsync(id);
        await _w.RestartAsync();

        Assert.Equal(1, await _w.AdvanceAsync(TimeSpan.FromHours(20) + Minute));
        await _w.Channel.WaitForAsync(c => c.Path == $"/v3/conversations/{thread}/activities" && c.Text?.Contains("Reminder", StringComparison.Ordinal) == true);
        Assert.Equal(1, Count(thread, "Reminder"));
    }

    [Fact]
    public async Task AJobClaimedByAnInstanceThatDied_FiresOnceAfterItsLeaseEnds()
    {
        var id = await _w.SubmitRequestAsync();
        var (thread, _) = await _w.CardPostedAsync(id);
        await _w.OutboxIdleAsync();
        _w.Clock.Advance(TimeSpan.FromHours(20) + Minute);
        var lease = _w.Clock.GetUtcNow().UtcDateTime.AddMinutes(2);
        await _w.QueryAsync(db => db.ScheduledJobs.Where(j => j.RequestId == id && j.Kind == JobKinds.ApproverReminder)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LockedUntil, lease).SetProperty(j => j.LockOwner, "instance-that-crashed")));

        Assert.Equal(0, await _w.AdvanceAsync(Minute));                   // still leased
        Assert.Equal(1, await _w.AdvanceAsync(2 * Minute));               // the lease ended: claimed again and fired
        Assert.Equal(0, await _w.AdvanceAsync(TimeSpan.FromMinutes(5)));
        await _w.Channel.WaitForAsync(c => c.Path == $"/v3/conversations/{thread}/activities" && c.Text?.Contains("Reminder", StringComparison.Ordinal) == true);
        Assert.Equal(1, Count(thread, "Reminder"));
    }

    [Fact]
    public async Task EmergencyRecord_PractitionerRemindedInTheShortWindowUntilComplete_WithTheFormTheyOwe()
    {
        await _w.SendAsync("new request");
        await _w.SubmitAsync(new Dictionary<string, string> { [FieldIds.ImmediateDanger] = "yes" }, "submit");
        var id = await _w.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Kind == RecordKinds.Emergency).Select(r => r.Id).SingleAsync());
        _w.TakeNewPersonal();

        Assert.Equal(0, await _w.AdvanceAsync(TimeSpan.FromHours(4) - Minute));
        Assert.Equal(1, await _w.AdvanceAsync(2 * Minute));
        var first = await _w.NoticeToPractitionerAsync("please give the retrospective record");
        Assert.NotNull(SafeguardingWorld.FindSubmit(first.Card!, SafeguardingActions.EmergencyRecord));

        _w.TakeNewPersonal();
        await _w.SubmitAsync(EmergencyJourneyTests.ShortRecord(_w.Clock.GetUtcNow()), SafeguardingActions.EmergencyRecord, first.Card);
        Assert.Equal(2, await _w.AdvanceAsync(TimeSpan.FromHours(4))); // the practitioner's second reminder, and the approvers' review reminder
        var second = await _w.NoticeToPractitionerAsync("please complete the full record");
        Assert.NotNull(SafeguardingWorld.FindSubmit(second.Card!, SafeguardingActions.EmergencyFull));

        _w.TakeNewPersonal();
        await _w.SubmitAsync(EmergencyJourneyTests.FullRecord(), SafeguardingActions.EmergencyFull, second.Card);
        Assert.Contains("is complete", _w.AllText, StringComparison.Ordinal);
        await _w.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.DoesNotContain(_w.TakeNewPersonal(), c => c.Text?.Contains("Reminder", StringComparison.Ordinal) == true);
        Assert.Equal(2, await _w.QueryAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == id.ToString() && e.Action == "reminder-sent" && e.Details!.Contains(JobKinds.PractitionerReminder))));
    }

    [Fact]
    public async Task EmergencyRecordNeverGiven_ApproversToldWhenOverdue_DeputiesMentioned_PractitionerStillReminded()
    {
        await _w.SendAsync("new request");
        await _w.SubmitAsync(new Dictionary<string, string> { [FieldIds.ImmediateDanger] = "yes" }, "submit");
        var id = await _w.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Kind == RecordKinds.Emergency).Select(r => r.Id).SingleAsync());

        for (var hour = 0; hour < 24; hour += 4)
        {
            await _w.AdvanceAsync(TimeSpan.FromHours(4));
        }

        await _w.AdvanceAsync(Minute);
        var overdue = await _w.Channel.WaitForAsync(c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal)
                                                         && c.Body?["activity"]?["text"]?.GetValue<string>().Contains("Overdue", StringComparison.Ordinal) == true);
        var text = overdue.Body!["activity"]!["text"]!.GetValue<string>();
        Assert.Contains("no retrospective record has been given", text, StringComparison.Ordinal);
        Assert.Contains("<at>29:deputy</at>", text, StringComparison.Ordinal);
        Assert.Equal(6, await _w.QueryAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == id.ToString() && e.Action == "reminder-sent")));
        Assert.Equal(1, await _w.QueryAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == id.ToString() && e.Action == "escalated")));
    }

    [Fact]
    public async Task RetrospectiveReview_RemindedAndEscalatedInShortWindows_UntilAcknowledged()
    {
        await _w.SendAsync("new request");
        await _w.SubmitAsync(new Dictionary<string, string> { [FieldIds.ImmediateDanger] = "yes" }, "submit");
        await _w.SubmitAsync(EmergencyJourneyTests.ShortRecord(_w.Clock.GetUtcNow()), SafeguardingActions.EmergencyRecord);
        var id = await _w.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Kind == RecordKinds.Emergency).Select(r => r.Id).SingleAsync());
        var (thread, _) = await _w.CardPostedAsync(id);

        await _w.AdvanceAsync(TimeSpan.FromHours(2) + Minute);
        await _w.Channel.WaitForAsync(c => c.Path == $"/v3/conversations/{thread}/activities" && c.Text?.Contains("retrospective review", StringComparison.Ordinal) == true);
        await _w.ClickAsync(id, SafeguardingVerbs.Acknowledge);
        await _w.AdvanceAsync(TimeSpan.FromHours(10));
        Assert.Equal(0, Count(thread, "Escalation"));
    }

    [Fact]
    public async Task Outcome_PractitionerRemindedUntilRecorded()
    {
        var id = await _w.SubmitRequestAsync();
        await _w.ClickAsync(id, ApprovalVerbs.Approve);
        await _w.NoticeToPractitionerAsync("What happened with ISR-");

        Assert.Equal(0, await _w.AdvanceAsync(TimeSpan.FromHours(24) - Minute));
        Assert.Equal(1, await _w.AdvanceAsync(2 * Minute));
        var reminder = await _w.NoticeToPractitionerAsync("please record what happened");
        _w.TakeNewPersonal();
        await _w.SubmitAsync(OutcomeJourneyTests.SharedAsApproved(_w.Clock.GetUtcNow()), SafeguardingActions.OutcomeRecord, reminder.Card);
        Assert.Contains("is recorded", _w.AllText, StringComparison.Ordinal);
        Assert.Equal(0, await PendingJobsAsync(id));
        Assert.Equal(0, await _w.AdvanceAsync(TimeSpan.FromDays(3)));
    }

    [Fact]
    public async Task AdviceAwaitingAnAnswer_RemindedThenEscalated()
    {
        await _w.SendAsync("ask for advice");
        await _w.SubmitAsync(AdviceJourneyTests.Consultation(), SafeguardingActions.AdviceConsultation);
        var id = await _w.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Kind == RecordKinds.Advice).Select(r => r.Id).SingleAsync());
        var (thread, _) = await _w.CardPostedAsync(id);

        await _w.AdvanceAsync(TimeSpan.FromHours(4) + Minute);
        await _w.Channel.WaitForAsync(c => c.Path == $"/v3/conversations/{thread}/activities" && c.Text?.Contains("waiting for advice", StringComparison.Ordinal) == true);
        await _w.AdvanceAsync(TimeSpan.FromHours(20));
        await _w.Channel.WaitForAsync(c => c.Path == $"/v3/conversations/{thread}/activities" && c.Text?.Contains("no answer", StringComparison.Ordinal) == true);
        Assert.Equal(0, await PendingJobsAsync(id));
    }
}
