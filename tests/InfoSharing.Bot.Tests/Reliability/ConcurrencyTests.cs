using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>Activities of one conversation arriving at once (Teams sends install events in pairs; users double-click).</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task FirstActivitiesOfANewConversation_ArrivingTogether_AreAllAnsweredWithoutA503()
    {
        await using var h = await ReliabilityHarness.StartAsync(instances: 2);
        var responses = new List<HttpResponseMessage>();
        for (var round = 0; round < 5; round++)
        {
            var n = 100 + round;
            var install = h.Text(n, "hi");
            install["type"] = "installationUpdate";
            install["action"] = "add";
            var update = h.Text(n, "hi");
            update["type"] = "conversationUpdate";
            update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:infosharing-bot" });
            var help = h.Text(n, "help");
            responses.AddRange(await Task.WhenAll(h.Hosts[0].PostAsync(install), h.Hosts[1].PostAsync(update), h.Hosts[round % 2].PostAsync(help)));
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(5, await h.QueryAsync(db => db.ConversationReferences.CountAsync(r => r.ConversationId.StartsWith("a:practitioner-1"))));
        Assert.Empty(h.Teams.Duplicates());
    }

    [Fact]
    public async Task SameCardSubmittedTwiceAsTwoActivities_DoubleClick_AdvancesOnce()
    {
        await using var h = await ReliabilityHarness.StartAsync(instances: 2);
        await h.Host.PostAsync(h.Text(1, "new request"));
        var first = h.AnswerLatestCard(1);
        var second = first.DeepClone().AsObject();
        second["id"] = Guid.NewGuid().ToString(); // a second click: a new activity, same card

        var answers = await Task.WhenAll(h.Hosts[0].PostAsync(first), h.Hosts[1].PostAsync(second));

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // One click moved the draft on; the other was out of date (at most a fresh copy of the current card).
        Assert.Equal(InfoSharing.Bot.Dialog.DialogStep.About, ReliabilityHarness.StepOf(h.AnswerLatestCard(1)));
    }
}
