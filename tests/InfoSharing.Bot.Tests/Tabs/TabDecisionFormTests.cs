using System.Net;
using System.Text.RegularExpressions;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Connector;
using InfoSharing.Bot.Tests.Records;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Tests.Tabs;

/// <summary>
/// Issues 12 and 15: the Approvals tab's "Approve in part" and "Reassign", with a real Entra-style token and the page's
/// anti-forgery token, go through the card's own workflow (ApprovalService): the same choices, refusals and record.
/// </summary>
public sealed partial class TabDecisionFormTests(EntraIssuerFixture issuer) : IClassFixture<EntraIssuerFixture>
{
    private const string ApproverOid = "eeeeeeee-0000-0000-0000-0000000000b1";
    private const string DpoOid = "eeeeeeee-0000-0000-0000-0000000000d1";
    private const string Reference = "ISR-2026-0201";
    private EntraIssuer Issuer => issuer.Issuer;

    private async Task<(RecordsHost Host, Guid Id)> HostAsync()
    {
        var settings = Issuer.HostSettings();
        settings["Approvals:ApproverAadObjectIds:0"] = ApproverOid;
        settings["Approvals:DpoAadObjectIds:0"] = DpoOid;
        var host = new RecordsHost(RecordsDatabase.Sqlite, settings);
        var s = RecordSeeds.Submission("CS-303030", "safeguarding-child", new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero),
            "The latest referral summary.", "A strategy discussion can take place.");
        s = s with { What = s.What with { CategoryIds = ["living-arrangements", "family-relationships"] } };
        await RecordSeeds.SeedAsync(host, [RecordSeeds.Row(Reference, s)]);
        return (host, await host.QueryAsync(db => db.Requests.Where(r => r.Reference == Reference).Select(r => r.Id).SingleAsync()));
    }

    private string Approver(RecordsHost host) => EntraIssuer.Bearer(Issuer.Token(host.Clock.GetUtcNow()).WithClaim("oid", ApproverOid).WithClaim("name", "Arnold Approver"));

    /// <summary>Opens the request's page as the tab does: its HTML, its anti-forgery token and cookie.</summary>
    private static async Task<(string Page, string Token, string[] Cookies)> OpenAsync(RecordsHost host, Guid id, string authorization)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/tabs/api/approvals/{id}");
        get.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var page = await host.CreateClient().SendAsync(get);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]).ToArray() : [];
        return (html, WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value), cookies);
    }

    /// <summary>Posts one of the page's forms (approve in part unless told) with its fields and the page's anti-forgery token.</summary>
    private static Task<string> PostAsync(RecordsHost host, Guid id, string authorization, (string Page, string Token, string[] Cookies) page, params (string Name, string Value)[] fields) =>
        PostAsync(host, id, ApprovalVerbs.ApproveInPart, authorization, page, fields);

    private static async Task<string> PostAsync(RecordsHost host, Guid id, string verb, string authorization, (string Page, string Token, string[] Cookies) page, params (string Name, string Value)[] fields)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/tabs/api/approvals/{id}/{verb}")
        {
            Content = new FormUrlEncodedContent([new("__tabAntiforgery", page.Token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]),
        };
        post.Headers.TryAddWithoutValidation("Authorization", authorization);
        post.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", page.Cookies));
        using var response = await host.CreateClient().SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("name=\"__tabAntiforgery\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [Fact]
    public async Task Tab_ApproveInPart_OffersEveryCategoryTicked_RecordsWhatWasApprovedThroughTheWorkflow_ThenRefusesASecondDecision()
    {
        var (host, id) = await HostAsync();
        await using var _ = host;
        var authorization = Approver(host);

        // Unticking the second category: only living arrangements approved.
        var page = await OpenAsync(host, id, authorization);
        (string, string)[] form = [(ApprovalRules.InPartCategories, "living-arrangements"), (ApprovalRules.InPartRecipients, "la-childrens-social-care"),
            (ApprovalRules.InPartNote, "Family relationships are not needed for the strategy discussion.")];
        var body = await PostAsync(host, id, authorization, page, form);

        Assert.Contains("name=\"inPartCategories\" value=\"family-relationships\" checked", page.Page, StringComparison.Ordinal); // ticked by default
        Assert.Contains("Done: approve in part recorded", body, StringComparison.Ordinal);
        Assert.Contains("Approved in part: Living arrangements", body, StringComparison.Ordinal);
        var row = await host.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(RequestStatus.Approved, row.Status);
        Assert.Equal(["living-arrangements"], ApprovalRecords.Summary(row).InPart!.CategoryIds);
        var action = await host.QueryAsync(db => db.ApprovalActions.AsNoTracking().SingleAsync(a => a.RequestId == id));
        Assert.Equal(RecordActionKinds.ApprovedInPart, action.Action);
        Assert.Equal(1, await host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == RecordActionKinds.ApprovedInPart)));

        // The same form again (a double click, a stale page): the workflow's usual refusal, nothing recorded twice.
        var again = await PostAsync(host, id, authorization, page, form);
        Assert.Contains("Already approved by Arnold Approver", again, StringComparison.Ordinal);
        Assert.Equal(1, await host.QueryAsync(db => db.ApprovalActions.CountAsync(a => a.RequestId == id)));
    }

    [Fact]
    public async Task Tab_ApproveInPart_NothingTickedOrAForgedCategory_IsRefusedWithTheWorkflowsWords()
    {
        var (host, id) = await HostAsync();
        await using var _ = host;
        var authorization = Approver(host);

        var page = await OpenAsync(host, id, authorization);
        var nothing = await PostAsync(host, id, authorization, page,
            (ApprovalRules.InPartRecipients, "la-childrens-social-care"), (ApprovalRules.InPartNote, "Nothing of this is needed at all."));
        var forged = await PostAsync(host, id, authorization, page,
            (ApprovalRules.InPartCategories, "offending-history"), (ApprovalRules.InPartRecipients, "la-childrens-social-care"), (ApprovalRules.InPartNote, "Only the offending history."));

        Assert.Contains("that is a decline", nothing, StringComparison.Ordinal);
        Assert.Contains("does not ask to share", forged, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Pending, await host.QueryAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(0, await host.QueryAsync(db => db.ApprovalActions.CountAsync(a => a.RequestId == id)));
    }

    [Fact]
    public async Task Tab_Reassign_OffersOnlyWhoMayDecide_HandsOnThroughTheWorkflow_TellsTheThread_AndRefusesAForgedTarget()
    {
        var (host, id) = await HostAsync();
        await using var _ = host;
        var authorization = Approver(host);

        var page = await OpenAsync(host, id, authorization);
        var forged = await PostAsync(host, id, ApprovalVerbs.Reassign, authorization, page, ("reassignTo", "person:ffffffff-0000-0000-0000-000000000000"));
        var body = await PostAsync(host, id, ApprovalVerbs.Reassign, authorization, page, ("reassignTo", Deciders.RolePrefix + ApproverKind.Dpo), ("reassignNote", "Special category data; the DPO should see it."));

        Assert.Contains($"action=\"/tabs/api/approvals/{id}/{ApprovalVerbs.Reassign}\"", page.Page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{Deciders.RolePrefix}{ApproverKind.Dpo}\">", page.Page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{Deciders.PersonPrefix}{DpoOid}\">", page.Page, StringComparison.Ordinal);
        Assert.Contains("That person is not an approver", forged, StringComparison.Ordinal);
        Assert.Contains("Handed on to the Data Protection Officer; the thread was told.", body, StringComparison.Ordinal);
        var action = await host.QueryAsync(db => db.ApprovalActions.AsNoTracking().SingleAsync(a => a.RequestId == id));
        Assert.Equal((ApprovalVerbs.Reassign, Deciders.RolePrefix + ApproverKind.Dpo, "Arnold Approver"), (action.Action, action.ReasonCode, action.ActorName));
        Assert.Equal(RequestStatus.Pending, await host.QueryAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(1, await host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == StatusTable.Reassigned)));
        Assert.Equal(1, await host.QueryAsync(db => db.Outbox.CountAsync(o => o.RequestId == id && o.Operation == OutboxOperations.ThreadReply)));
    }
}
