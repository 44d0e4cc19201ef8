using System.Net;
using System.Text.RegularExpressions;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Tests.Records;
using InfoSharing.Bot.Workflow;
using Microsoft.EntityFrameworkCore;

namespace InfoSharing.Bot.Tests.Tabs;

/// <summary>
/// Issue 12: the Approvals tab's "Approve in part", with a real Entra-style token and the page's anti-forgery token,
/// goes through the card's own workflow (ApprovalService): the same refusals, the same record.
/// </summary>
public sealed partial class TabApproveInPartTests(EntraIssuerFixture issuer) : IClassFixture<EntraIssuerFixture>
{
    private const string ApproverOid = "eeeeeeee-0000-0000-0000-0000000000b1";
    private const string Reference = "ISR-2026-0201";
    private EntraIssuer Issuer => issuer.Issuer;

    private async Task<(RecordsHost Host, Guid Id)> HostAsync()
    {
        var settings = Issuer.HostSettings();
        settings["Approvals:ApproverAadObjectIds:0"] = ApproverOid;
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

    /// <summary>Posts the page's approve-in-part form (the ticked boxes and the note) with its anti-forgery token.</summary>
    private static async Task<string> PostAsync(RecordsHost host, Guid id, string authorization, (string Page, string Token, string[] Cookies) page, params (string Name, string Value)[] fields)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/tabs/api/approvals/{id}/{ApprovalVerbs.ApproveInPart}")
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
}
