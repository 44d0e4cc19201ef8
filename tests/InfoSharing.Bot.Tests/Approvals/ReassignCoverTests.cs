using System.Net;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tests.Hosting;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Tests.Approvals;

/// <summary>
/// Hand on, conflict and cover through the real pipeline (domain.md §7.1): a request routed to the DPO is reassigned
/// with an @mention in its thread, a conflict by the only DPO escalates at once and tells the admins, and an away DPO's
/// cover may decide and gets the reminders, durably.
/// </summary>
public sealed class ReassignCoverTests
{
    private const string DeputyAad = "aaaaaaaa-0000-0000-0000-000000000005";
    private const string AdminAad = "aaaaaaaa-0000-0000-0000-000000000006";
    private static readonly string Reference = "ISR-2026-0001";

    private static async Task<ApprovalScenario> StartAsync(bool withDeputy, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Approvals:AdminAadObjectIds:0"] = AdminAad,
            ["Safeguarding:Reminders:PollInterval"] = "00:00:00.200",
        };
        if (withDeputy)
        {
            settings["Approvals:DpoDeputyAadObjectIds:0"] = DeputyAad;
        }

        foreach (var (k, v) in more ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var s = await ApprovalScenario.StartAsync(requiresDpo: true, settings);
        Team(s.Channel);
        await JoinedAsync(s, "29:approver", "29:second", "29:dpo", "29:deputy", "29:practitioner");
        return s;
    }

    /// <summary>Teams tells the bot that people joined the team (after the card was posted, so the roster it read is stale).</summary>
    private static async Task JoinedAsync(ApprovalScenario s, params string[] userIds) =>
        (await s.Host.PostAsync(Activities.MembersJoined(s.Channel.ServiceUrl, userIds))).EnsureSuccessStatusCode();

    private static void Team(RecordingChannel channel)
    {
        foreach (var (id, aad, name) in new[]
        {
            ("29:approver", ApprovalScenario.ApproverAad, "Arnold Approver"),
            ("29:second", ApprovalScenario.SecondApproverAad, "Colin Cover"),
            ("29:dpo", ApprovalScenario.DpoAad, "Dana DPO"),
            ("29:deputy", DeputyAad, "Dev Deputy"),
            ("29:practitioner", ApprovalScenario.PractitionerAad, "Paula Practitioner"),
        })
        {
            channel.Members[id] = aad;
            channel.Names[id] = name;
        }
    }

    private static async Task<string> CardTextAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!.ToJsonString();
    }

    private static Task<string> StatusAsync(ApprovalScenario s) =>
        s.QueryAsync(db => db.Requests.AsNoTracking().Where(r => r.Id == s.RequestId).Select(r => r.Status).FirstAsync());

    private static Task<int> AuditedAsync(ApprovalScenario s, string action) => s.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == action));

    private static Task<RecordedCall> ThreadNoticeAsync(ApprovalScenario s, string text) =>
        s.Channel.WaitForAsync(c => c.Method == "POST" && c.Path == $"/v3/conversations/{s.ThreadId}/activities" && c.Text?.Contains(text, StringComparison.Ordinal) == true);

    private static IEnumerable<string> Mentioned(RecordedCall call) =>
        call.Body!["entities"]?.AsArray().Select(e => e!["mentioned"]!["id"]!.GetValue<string>()) ?? [];

    private static Task<HttpResponseMessage> SayAsync(ApprovalScenario s, string text, string userId, string aad) =>
        s.Host.PostAsync(Activities.Channel(s.Channel.ServiceUrl, "message", text, userId, aad));

    private static Task<RecordedCall> ReplyAsync(ApprovalScenario s, string text, string conversation = "19:approvals@thread.tacv2") =>
        s.Channel.WaitForAsync(c => c.Path.StartsWith($"/v3/conversations/{conversation}/activities", StringComparison.Ordinal) && c.Text?.Contains(text, StringComparison.Ordinal) == true);

    private static string Until => DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A reminder of the request due now, as the planner stores it; the running scheduler fires it.</summary>
    private static async Task RemindNowAsync(ApprovalScenario s)
    {
        await s.QueryAsync(async db =>
        {
            db.ScheduledJobs.Add(new ScheduledJobRow
            {
                Id = Guid.CreateVersion7(), Kind = JobKinds.ApproverReminder, RequestId = s.RequestId, Sequence = 1,
                DueAt = DateTime.UtcNow.AddMinutes(-1), Status = JobStatus.Pending, CreatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Roster_IsReadOnceForManyViews_AndAgainWhenTeamsReportsAMembershipChange()
    {
        await using var s = await StartAsync(withDeputy: true);
        int Reads() => s.Channel.Calls.Count(c => c.Method == "GET" && c.Path.EndsWith("/members", StringComparison.Ordinal));

        var before = Reads();
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("Dev Deputy", await CardTextAsync(await s.ClickAsync("29:dpo", ApprovalScenario.DpoAad, ApprovalVerbs.Details)), StringComparison.Ordinal);
        }

        Assert.Equal(before + 1, Reads()); // three card views (each offers the deputy by name), one roster read

        s.Channel.Names["29:deputy"] = "Deva Deputy";
        await JoinedAsync(s, "29:newcomer");
        Assert.Contains("Deva Deputy", await CardTextAsync(await s.ClickAsync("29:dpo", ApprovalScenario.DpoAad, ApprovalVerbs.Details)), StringComparison.Ordinal);
        Assert.Equal(before + 2, Reads());
    }

    [Fact]
    public async Task Roster_IsKept_WhenAPractitionerJoinsTheirOwnChat()
    {
        await using var s = await StartAsync(withDeputy: true);
        int Reads() => s.Channel.Calls.Count(c => c.Method == "GET" && c.Path.EndsWith("/members", StringComparison.Ordinal));
        await CardTextAsync(await s.ClickAsync("29:dpo", ApprovalScenario.DpoAad, ApprovalVerbs.Details));
        var before = Reads();

        var joined = Activities.Personal(s.Channel.ServiceUrl, "conversationUpdate", conversationId: "a:personal-newcomer");
        joined["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:infosharing-bot" });
        (await s.Host.PostAsync(joined)).EnsureSuccessStatusCode();
        await CardTextAsync(await s.ClickAsync("29:dpo", ApprovalScenario.DpoAad, ApprovalVerbs.Details));

        Assert.Equal(before, Reads()); // a 1:1 install is not a change of the approvers' team
    }

    [Fact]
    public async Task Reassign_ByCard_ToTheDpoDeputy_MentionsThemInTheThread_IsAudited_AndTheyDecide()
    {
        await using var s = await StartAsync(withDeputy: true);

        var card = await CardTextAsync(await s.ClickAsync("29:dpo", ApprovalScenario.DpoAad, ApprovalVerbs.Reassign,
            new JsonObject { ["reassignTo"] = Deciders.PersonPrefix + DeputyAad, ["reassignNote"] = "In court all week." }));

        Assert.Contains("Handed on to Dev Deputy", card, StringComparison.Ordinal);
        var notice = await ThreadNoticeAsync(s, "handed");
        Assert.Equal("29:dpo handed **ISR-2026-0001** on to Dev Deputy to decide. Please decide it:\n\n<at>Dev Deputy</at>", notice.Text);
        var mention = Assert.Single(notice.Body!["entities"]!.AsArray())!;
        Assert.Equal("mention", mention["type"]!.GetValue<string>());
        Assert.Equal("<at>Dev Deputy</at>", mention["text"]!.GetValue<string>());
        Assert.Equal("29:deputy", mention["mentioned"]!["id"]!.GetValue<string>());
        Assert.Equal("Dev Deputy", mention["mentioned"]!["name"]!.GetValue<string>());
        Assert.Equal(1, await AuditedAsync(s, StatusTable.Reassigned));
        Assert.DoesNotContain("In court", notice.Body.ToJsonString(), StringComparison.Ordinal);

        // The card offers only those who may decide a DPO request: the DPO role, the DPO and the deputy; never Arnold.
        var put = await s.Channel.WaitForAsync(c => c.Method == "PUT" && c.Card!.ToJsonString().Contains("handed the request on", StringComparison.Ordinal));
        var choices = InfoSharing.Bot.Tests.Cards.JsonNodeWalk.DescendantObjects(put.Card!).Single(a => a["type"]?.GetValue<string>() == "Action.ShowCard" && a["title"]?.GetValue<string>() == "Reassign")["card"]!["body"]![0]!["choices"]!.AsArray()
            .Select(c => c!["value"]!.GetValue<string>()).ToList();
        Assert.Equal(["role:Dpo", "person:" + DeputyAad, "person:" + ApprovalScenario.DpoAad], choices);

        await CardTextAsync(await s.ClickAsync("29:deputy", DeputyAad, ApprovalVerbs.Approve));
        Assert.Equal(RequestStatus.Approved, await StatusAsync(s));
    }

    [Fact]
    public async Task Reassign_ByChannelCommand_ToARole_MentionsItsHolders_AndToSomeoneWhoMayNotDecide_IsRefused()
    {
        await using var s = await StartAsync(withDeputy: true);

        await SayAsync(s, $"reassign {Reference} to Arnold Approver", "29:dpo", ApprovalScenario.DpoAad);
        await ReplyAsync(s, "This request must be decided by the Data Protection Officer; Arnold Approver cannot decide it.");
        await SayAsync(s, $"reassign {Reference} to Olive Outsider", "29:dpo", ApprovalScenario.DpoAad);
        await ReplyAsync(s, "Olive Outsider is not an approver in the approvers' team.");
        Assert.Equal(0, await AuditedAsync(s, StatusTable.Reassigned));

        await SayAsync(s, $"reassign {Reference.ToLowerInvariant()} to the DPO", "29:approver", ApprovalScenario.ApproverAad);
        await ReplyAsync(s, "Handed on to the Data Protection Officer; the thread was told.");
        var notice = await ThreadNoticeAsync(s, "handed");
        Assert.Equal(["29:deputy", "29:dpo"], Mentioned(notice));
        Assert.Equal(1, await AuditedAsync(s, StatusTable.Reassigned));
    }

    [Fact]
    public async Task Conflict_ByTheOnlyDpo_EscalatesAtOnce_TellsTheAdminsOneToOne_AndTheCardSaysNoOneMayDecide()
    {
        await using var s = await StartAsync(withDeputy: false);
        await s.Host.PostAsync(Activities.Personal(s.Channel.ServiceUrl, text: "hello", userId: "29:admin", aad: AdminAad, conversationId: "a:personal-admin"));
        await s.Channel.WaitForAsync(c => c.Path.StartsWith("/v3/conversations/a:personal-admin/activities", StringComparison.Ordinal));

        await CardTextAsync(await s.ClickAsync("29:dpo", ApprovalScenario.DpoAad, ApprovalVerbs.Conflict, new JsonObject { ["conflictNote"] = "My cousin." }));

        var told = await ThreadNoticeAsync(s, "declared a conflict of interest");
        Assert.Contains("No one else may decide it, so it has been escalated.", told.Text, StringComparison.Ordinal);
        var escalation = await ThreadNoticeAsync(s, "Escalation:");
        Assert.Contains("No one who may decide it can be reached now: it must be decided by the Data Protection Officer", escalation.Text, StringComparison.Ordinal);
        Assert.Contains("The administrators were told.", escalation.Text, StringComparison.Ordinal);
        Assert.Empty(Mentioned(escalation));
        var admin = await ReplyAsync(s, "no one may decide it", "a:personal-admin");
        Assert.Contains(Reference, admin.Text, StringComparison.Ordinal);
        var put = await s.Channel.WaitForAsync(c => c.Method == "PUT" && c.Card!.ToJsonString().Contains("No one who may decide this request can be reached", StringComparison.Ordinal));
        Assert.Contains("found no one who may decide this request", put.Card!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(1, await AuditedAsync(s, RecordActionKinds.NoDecider));

        // The DPO who declared the conflict may no longer decide it.
        var refused = await CardTextAsync(await s.ClickAsync("29:dpo", ApprovalScenario.DpoAad, ApprovalVerbs.Approve));
        Assert.Contains("declared a conflict of interest", refused, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Pending, await StatusAsync(s));
    }

    [Fact]
    public async Task Away_WithCover_TheCoverGetsTheRemindersNotTheAwayDpo_AndMayDecide()
    {
        await using var s = await StartAsync(withDeputy: false);
        var before = await CardTextAsync(await s.ClickAsync("29:second", ApprovalScenario.SecondApproverAad, ApprovalVerbs.Approve));
        Assert.Contains("must be decided by the Data Protection Officer", before, StringComparison.Ordinal);

        await SayAsync(s, $"away until {Until} cover Colin Cover", "29:dpo", ApprovalScenario.DpoAad);
        await ReplyAsync(s, "and Colin Cover covers for you.");
        Assert.Equal(1, await AuditedAsync(s, CoverService.AuditSet));

        await RemindNowAsync(s);
        var reminder = await ThreadNoticeAsync(s, "Reminder:");
        Assert.Equal(["29:second"], Mentioned(reminder));

        await CardTextAsync(await s.ClickAsync("29:second", ApprovalScenario.SecondApproverAad, ApprovalVerbs.Approve));
        Assert.Equal(RequestStatus.Approved, await StatusAsync(s));
    }

    [Fact]
    public async Task Back_InTheChannelOrTheOneToOneChat_EndsTheCover_AndTheColleagueMayNoLongerDecide()
    {
        await using var s = await StartAsync(withDeputy: false);
        await s.Host.PostAsync(Activities.Personal(s.Channel.ServiceUrl, text: $"away until {Until} cover Colin Cover", userId: "29:dpo", aad: ApprovalScenario.DpoAad, conversationId: "a:personal-dpo"));
        await ReplyAsync(s, "and Colin Cover covers for you.", "a:personal-dpo");
        await s.Host.PostAsync(Activities.Personal(s.Channel.ServiceUrl, text: "back from away", userId: "29:dpo", aad: ApprovalScenario.DpoAad, conversationId: "a:personal-dpo"));
        await ReplyAsync(s, "Welcome back: Colin Cover no longer covers for you", "a:personal-dpo");

        await SayAsync(s, $"away until {Until} cover Colin Cover", "29:dpo", ApprovalScenario.DpoAad);
        await ReplyAsync(s, "and Colin Cover covers for you.");
        await SayAsync(s, "back", "29:dpo", ApprovalScenario.DpoAad);
        await ReplyAsync(s, "Welcome back");

        var refused = await CardTextAsync(await s.ClickAsync("29:second", ApprovalScenario.SecondApproverAad, ApprovalVerbs.Approve));
        Assert.Contains("must be decided by the Data Protection Officer", refused, StringComparison.Ordinal);
        Assert.Equal(2, await AuditedAsync(s, CoverService.AuditSet));
        Assert.Equal(2, await AuditedAsync(s, CoverService.AuditEnded));

        await RemindNowAsync(s);
        Assert.Equal(["29:dpo"], Mentioned(await ThreadNoticeAsync(s, "Reminder:")));
    }

    [Fact]
    public async Task Away_ByANonApproverOrForAColleagueWhoIsNotAnApprover_IsRefused()
    {
        await using var s = await StartAsync(withDeputy: false);
        s.Channel.Members["29:outsider"] = ApprovalScenario.OutsiderAad;
        s.Channel.Names["29:outsider"] = "Olive Outsider";
        await JoinedAsync(s, "29:outsider");

        await SayAsync(s, $"away until {Until} cover Colin Cover", "29:outsider", ApprovalScenario.OutsiderAad);
        await ReplyAsync(s, "Only approvers can set cover.");
        await SayAsync(s, $"away until {Until} cover Olive Outsider", "29:dpo", ApprovalScenario.DpoAad);
        await ReplyAsync(s, "Olive Outsider is not an approver, so they cannot cover for you.");
        await SayAsync(s, "away until 2020-01-01 cover Colin Cover", "29:dpo", ApprovalScenario.DpoAad);
        await ReplyAsync(s, "1 Jan 2020 has passed");
        Assert.Equal(0, await AuditedAsync(s, CoverService.AuditSet));
    }

    [Fact]
    public async Task Cover_SurvivesAHostRestart()
    {
        var directory = Directory.CreateTempSubdirectory("infosharing-cover-").FullName;
        await using var s = await StartAsync(withDeputy: false, new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(directory, "bot.db") });
        await SayAsync(s, $"away until {Until} cover Colin Cover", "29:dpo", ApprovalScenario.DpoAad);
        await ReplyAsync(s, "and Colin Cover covers for you.");

        await s.RestartAsync();

        await CardTextAsync(await s.ClickAsync("29:second", ApprovalScenario.SecondApproverAad, ApprovalVerbs.Approve));
        Assert.Equal(RequestStatus.Approved, await StatusAsync(s));
        Assert.Equal(1, await s.QueryAsync(db => db.ApproverCovers.CountAsync(c => c.CoverAadObjectId == ApprovalScenario.SecondApproverAad && c.EndedAt == null)));
    }
}
