using System.Text.Json.Nodes;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Samples;

namespace InfoSharing.Bot.Tests.Routing;

/// <summary>The practitioner's journeys as transcripts over the real pipeline (HTTP in, connector calls out, SQLite).</summary>
public sealed class DialogJourneyTests : IAsyncLifetime
{
    private readonly RecordingChannel _channel = new();
    private BotHost _host = null!;
    private PractitionerChat _chat = null!;

    public async ValueTask InitializeAsync()
    {
        await _channel.StartAsync();
        _host = new BotHost();
        _chat = new PractitionerChat(_host, _channel);
        var register = Activities.Channel(_channel.ServiceUrl, "message", "register approvers", "29:approver", "aaaaaaaa-0000-0000-0000-000000000002");
        (await _host.PostAsync(register)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _channel.DisposeAsync();
    }

    private async Task ToStepAsync(DialogStep target)
    {
        await _chat.SendAsync("new request");
        for (var step = DialogStep.Urgency; step < target; step++)
        {
            await _chat.SubmitStepAsync(step);
            Assert.Null(_chat.Replies.Select(r => r.Card?.ToJsonString()).FirstOrDefault(j => j?.Contains("_error\"", StringComparison.Ordinal) == true));
        }
    }

    private Task<T> QueryAsync<T>(Func<BotDbContext, Task<T>> query) => Query(_host, query);

    private static async Task<T> Query<T>(BotHost host, Func<BotDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    [Fact]
    public async Task HappyPath_NewRequestToSubmitted_StoresTheRequestAndPostsTheApprovalCard()
    {
        await ToStepAsync(DialogStep.Review);
        Assert.Contains("Check and submit", _chat.AllText, StringComparison.Ordinal);

        await _chat.SubmitAsync(new Dictionary<string, string> { [FieldIds.Declaration] = "true" });

        Assert.Contains("Submitted as **ISR-", _chat.AllText, StringComparison.Ordinal);
        Assert.Contains(InfoSharing.Bot.Tests.Dialog.DialogTestKit.PolicyDoc.Texts.Notes.WhileWaiting, _chat.AllText, StringComparison.Ordinal); // the emergency path (issue 16, defect 6)
        Assert.DoesNotContain("Do not share until", _chat.AllText, StringComparison.Ordinal);
        var request = await QueryAsync(db => db.Requests.AsNoTracking().SingleAsync());
        Assert.Matches(@"^ISR-\d{4}-0001$", request.Reference);
        Assert.Equal("CS-123456", request.CaseReference);
        Assert.False(string.IsNullOrEmpty(request.PolicyVersion));
        Assert.True(request.RequiresDpo);          // "other" category and no agreement route to the DPO (cross-check 5)
        Assert.True(request.RequiresPreventLead);  // Prevent purposes (cross-check 6)
        Assert.Null(await QueryAsync(db => db.DialogStates.AsNoTracking().FirstOrDefaultAsync()));

        var card = await _channel.WaitForAsync(c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal));
        var json = card.Card!.ToJsonString();
        Assert.Contains(request.Reference, json, StringComparison.Ordinal);
        Assert.DoesNotContain("referral summaries", json, StringComparison.Ordinal); // free text stays out of the channel
        Assert.True(await QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "submitted")));
    }

    [Fact]
    public async Task SpecialCategoryWithoutArticle9Condition_IsRefusedBesideTheField()
    {
        await ToStepAsync(DialogStep.LegalBasis);
        await _chat.SubmitStepAsync(DialogStep.LegalBasis, v => v.Remove(FieldIds.Article9Condition));

        Assert.NotNull(_chat.Beside(FieldIds.Article9Condition));
        Assert.Contains("public-task", _chat.LastCard.ToJsonString(), StringComparison.Ordinal); // entered values kept
    }

    [Fact]
    public async Task ConsentAsBasisWithoutConsentGiven_IsRefused()
    {
        await ToStepAsync(DialogStep.LegalBasis);
        await _chat.SubmitStepAsync(DialogStep.LegalBasis, v =>
        {
            v[FieldIds.Article6Basis] = "consent";
            v[FieldIds.Article9Condition] = "explicit-consent";
            v[FieldIds.CriminalOffenceCondition] = "co-consent";
        });
        for (var step = DialogStep.Necessity; step < DialogStep.Consent; step++)
        {
            await _chat.SubmitStepAsync(step);
        }

        await _chat.SubmitStepAsync(DialogStep.Consent, v => v[FieldIds.ConsentStatus] = "not-sought");
        Assert.Contains("consent", (_chat.Beside(FieldIds.ConsentStatus) ?? _chat.AllText).ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task IdentifierTypedIntoFreeText_IsWarnedThenRefusedUnlessConfirmed()
    {
        await ToStepAsync(DialogStep.What);
        const string withName = "Records about John Smith, born 12/03/2012, living at SW1A 1AA, for the referral.";
        await _chat.SubmitStepAsync(DialogStep.What, v => v[FieldIds.ItemsDescription] = withName);
        Assert.NotNull(_chat.Beside(FieldIds.ItemsDescription, "_warning"));

        await _chat.SubmitStepAsync(DialogStep.What, v => v[FieldIds.ItemsDescription] = withName);
        Assert.NotNull(_chat.Beside(FieldIds.ItemsDescription));
        Assert.DoesNotContain("John Smith", await QueryAsync(db => db.Requests.Select(r => r.AnswersJson).FirstOrDefaultAsync()) ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelMidway_DeletesTheDraft()
    {
        await ToStepAsync(DialogStep.WithWhom);
        Assert.NotNull(await QueryAsync(db => db.DialogStates.AsNoTracking().FirstOrDefaultAsync()));

        await _chat.SendAsync("cancel");
        Assert.NotNull(await QueryAsync(db => db.DialogStates.AsNoTracking().FirstOrDefaultAsync())); // asked first: delete, or record?
        await _chat.SubmitAsync(new Dictionary<string, string>(), CardData.CancelDelete);

        Assert.Null(await QueryAsync(db => db.DialogStates.AsNoTracking().FirstOrDefaultAsync()));
        Assert.Equal(0, await QueryAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task TwoRacingTurns_OnTheSameCard_NeitherFailsAndTheDraftStaysConsistent()
    {
        await ToStepAsync(DialogStep.About);
        var value = (JsonObject)_chat.LastCard.DescendantObjectsForTest().First(o => o["data"]?["action"]?.GetValue<string>() == "submit")["data"]!.DeepClone();
        foreach (var (k, v) in DialogCardCatalogue.SampleValues(DialogStep.About, DateTimeOffset.UtcNow))
        {
            value[k] = v;
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            _host.PostAsync(Activities.Personal(_channel.ServiceUrl, value: value.DeepClone()))));
        Assert.All(responses, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode));

        var row = await QueryAsync(db => db.DialogStates.AsNoTracking().SingleAsync());
        Assert.True(DialogStateJson.TryDeserialize(row.StateJson, out var state));
        Assert.Equal(DialogStep.What, state!.Step);       // one racing answer advanced the draft; the other was seen as a stale card
        Assert.Equal("CS-123456", state.Answers.About?.CaseReference);
    }
}

internal static class CardWalk
{
    public static IEnumerable<JsonObject> DescendantObjectsForTest(this JsonNode node) => Cards.JsonNodeWalk.DescendantObjects(node);
}
