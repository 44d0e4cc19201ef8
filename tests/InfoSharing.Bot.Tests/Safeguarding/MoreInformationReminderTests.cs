using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tests.Hosting;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>
/// Issue 12, "More information", through the real pipeline on a fake clock: an approver asks; the practitioner is
/// reminded at the policy interval (the question card again); at the policy limit the approvers' thread is told it went
/// unanswered and the card, `my requests` and the case file say so; an answer that looks identifying is stopped and
/// the practitioner asked to confirm or rephrase; a clean answer returns the request to pending and cancels the jobs.
/// </summary>
public sealed class MoreInformationReminderTests : IAsyncLifetime
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private const string Question = "Which agency asked for this, and when?";
    private SafeguardingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await SafeguardingWorld.StartAsync(extra: new Dictionary<string, string?>
    {
        ["Safeguarding:Reminders:MoreInfoReminderInterval"] = "08:00:00",
        ["Safeguarding:Reminders:MoreInfoUnansweredAfter"] = "20:00:00",
    });

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    private Task<List<ScheduledJobRow>> JobsAsync(Guid id) =>
        _w.QueryAsync(db => db.ScheduledJobs.AsNoTracking().Where(j => j.RequestId == id && (j.Kind == JobKinds.MoreInfoReminder || j.Kind == JobKinds.MoreInfoUnanswered)).ToListAsync());

    private int Reminders() => _w.Channel.Calls.Count(c => c.Method == "POST" && c.Path == $"/v3/conversations/{SafeguardingWorld.PersonalChat}/activities"
                                                          && c.Text?.StartsWith("Reminder:", StringComparison.Ordinal) == true && c.Text.Contains("asked a question", StringComparison.Ordinal));

    private JsonObject Answer(Guid id, string answer, bool confirmed = false) => Activities.Personal(_w.Channel.ServiceUrl, conversationId: SafeguardingWorld.PersonalChat, value: new JsonObject
    {
        ["action"] = "answerMoreInfo", ["requestId"] = id.ToString(), ["answer"] = answer, ["answerNoIdentifiers"] = confirmed ? "true" : "false",
    });

    /// <summary>A submitted request whose card is posted, an approver's question on it, and the practitioner told.</summary>
    private async Task<(Guid Id, string Thread)> AskAsync()
    {
        var id = await _w.SubmitRequestAsync();
        var (thread, _) = await _w.CardPostedAsync(id);
        await _w.ClickAsync(id, ApprovalVerbs.MoreInfo, new JsonObject { ["question"] = Question });
        await _w.NoticeToPractitionerAsync(Question);
        return (id, thread);
    }

    [Fact]
    public async Task Asked_RemindedAtTheInterval_UnansweredNoticeAtTheLimit_IdentifyingAnswerStopped_CleanAnswerCancelsTheJobs()
    {
        var (id, thread) = await AskAsync();
        Assert.Equal(2, (await JobsAsync(id)).Count(j => j.Status == JobStatus.Pending)); // the first reminder and the unanswered notice

        // Nothing before the interval; the question card again after it, then at the next interval.
        await _w.AdvanceAsync(TimeSpan.FromHours(8) - Minute);
        Assert.Equal(0, Reminders());
        await _w.AdvanceAsync(2 * Minute);
        Assert.Equal(1, Reminders());
        var reminder = await _w.NoticeToPractitionerAsync("Reminder:");
        Assert.Contains(Question, reminder.Card!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("answerMoreInfo", reminder.Card!.ToJsonString(), StringComparison.Ordinal);
        await _w.AdvanceAsync(TimeSpan.FromHours(8));
        Assert.Equal(2, Reminders());
        Assert.DoesNotContain(_w.ThreadMessages(thread), m => m.Text?.Contains("Unanswered", StringComparison.Ordinal) == true);

        // At the limit (20 hours): the thread is told, the request marked, the card updated; no third reminder (it would come after the limit).
        await _w.AdvanceAsync(TimeSpan.FromHours(4));
        var notice = Assert.Single(_w.ThreadMessages(thread), m => m.Text?.Contains("Unanswered", StringComparison.Ordinal) == true);
        Assert.Contains("no answer has come", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Question, notice.Text, StringComparison.Ordinal); // the channel gets no free text
        await _w.Channel.WaitForAsync(c => c.Method == "PUT" && c.Card?.ToJsonString().Contains("unanswered past the time allowed", StringComparison.Ordinal) == true);
        Assert.True(await _w.QueryAsync(db => db.ApprovalActions.AnyAsync(a => a.RequestId == id && a.Action == RecordActionKinds.MoreInfoUnanswered)));
        Assert.True(await _w.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.SubjectId == id.ToString() && e.Action == RecordActionKinds.MoreInfoUnanswered)));
        await _w.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Equal(2, Reminders());
        Assert.Single(_w.ThreadMessages(thread), m => m.Text?.Contains("Unanswered", StringComparison.Ordinal) == true);

        await _w.SendAsync("my requests");
        Assert.Contains("More information requested (unanswered)", _w.AllText, StringComparison.Ordinal);

        // An answer with a likely identifier is stopped: the card again, with the reason and the way to confirm; nothing changes.
        await _w.PostPersonalAsync(Answer(id, "Mrs Jones from the school asked on 12/03/2026."));
        Assert.Contains("looks like it contains", _w.AllText, StringComparison.Ordinal);
        Assert.Contains("answerNoIdentifiers", _w.LastCard.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.MoreInfoRequested, await _w.QueryAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Status).FirstAsync()));

        // The rephrased answer: back to pending, the thread told, every question job ended.
        await _w.PostPersonalAsync(Answer(id, "The school's safeguarding lead asked last week, by secure email."));
        Assert.Contains("Your answer was added", _w.AllText, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Pending, await _w.QueryAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Status).FirstAsync()));
        Assert.DoesNotContain(await JobsAsync(id), j => j.Status == JobStatus.Pending);
        await _w.SendAsync("my requests");
        Assert.DoesNotContain("unanswered", _w.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnsweredBeforeTheInterval_NoReminderAndNoUnansweredNotice()
    {
        var (id, thread) = await AskAsync();

        await _w.PostPersonalAsync(Answer(id, "The school's safeguarding lead asked last week, by secure email."));

        var jobs = await JobsAsync(id);
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal((JobStatus.Cancelled, "answered"), (j.Status, j.Result)));
        await _w.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal(0, Reminders());
        Assert.DoesNotContain(_w.ThreadMessages(thread), m => m.Text?.Contains("Unanswered", StringComparison.Ordinal) == true);
    }
}
