using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tests.Cards;

/// <summary>
/// Every card the approvals side can send, with representative data, written to artifacts/cards/approvals for the
/// official renderer (test.sh runs tools/validate-card.js over them), plus structural checks that hold for each.
/// </summary>
public sealed class ApprovalCardCatalogueTests
{
    private static readonly Guid RequestId = Guid.Parse("0193a5b0-0000-7000-8000-000000000042");

    private static ApprovalSummary Summary(bool dpo = false, bool prevent = false) => new()
    {
        Reference = "ISR-2026-0042",
        CaseReference = "CASE-12345",
        MatterType = "Prevent concern or referral",
        Urgency = "Within 24 hours",
        Deadline = "25 Nov 2026, 09:00 GMT",
        RequesterName = "Paula Practitioner",
        Categories = [new CategoryBadge("Offending history (including allegations)", false, true), new CategoryBadge("Emotional and mental health", true, false)],
        RecipientType = "Local authority Prevent team",
        Purposes = ["Prevent referral"],
        LegalBasis = "Public task 6(1)(e) with DPA 2018 s.8; Art. 9: 9(2)(g) with Sch. 1 para 18",
        ConsentStatus = "Not sought",
        Warnings = dpo ? ["The Data Protection Officer must decide: other organisation"] : [],
        RequiresDpo = dpo,
        RequiresPreventLead = prevent,
        PolicyVersion = "2026.11.1",
    };

    private static ApprovalCardModel Model(string status, bool dpo = false, bool prevent = false) => new()
    {
        RequestId = RequestId,
        Summary = Summary(dpo, prevent),
        Status = status,
        History = status == RequestStatus.Pending ? [] : [new ApprovalActionView("Arnold Approver", status == RequestStatus.Declined ? "declined" : "approved", new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc), status == RequestStatus.Declined ? "More information than needed, or to more people than needed" : null, null)],
        DecidedBy = RequestStatus.IsDecided(status) ? "Arnold Approver" : null,
        DecidedAtUtc = RequestStatus.IsDecided(status) ? new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc) : null,
        DecisionReasonTitle = status == RequestStatus.Declined ? "More information than needed, or to more people than needed" : null,
        RefreshUserIds = ["29:approver-1", "29:approver-2"],
        DeclineReasons = InfoSharing.Bot.Policy.PolicyLoader.Load(InfoSharing.Bot.Policy.PolicyLoader.DefaultPath).Lists.DeclineReasons,
    };

    public static TheoryData<string> Names => [.. Catalogue().Keys];

    private static Dictionary<string, JsonObject> Catalogue()
    {
        var detail = new ApprovalDetail { Sections = [new DetailSection("Why", [new DetailItem("Expected outcome", "A Prevent referral is assessed by the local authority within a week.")])] };
        return new Dictionary<string, JsonObject>(StringComparer.Ordinal)
        {
            ["approval-pending"] = ApprovalCards.Channel(Model(RequestStatus.Pending)),
            ["approval-pending-dpo-prevent"] = ApprovalCards.Channel(Model(RequestStatus.Pending, dpo: true, prevent: true)),
            ["approval-pending-decline-errors"] = ApprovalCards.Channel(Model(RequestStatus.Pending),
                new Dictionary<string, string> { ["declineReasonCode"] = "Choose a reason code.", ["declineReason"] = "Explain the decision in at least 30 characters." },
                new JsonObject { ["declineReason"] = "too short" }, "Please correct the highlighted field."),
            ["approval-pending-no-decider"] = ApprovalCards.Channel(Model(RequestStatus.Pending, dpo: true) with
            {
                NoDecider = true,
                ReassignChoices = ApprovalCardSentencesTests.ReassignChoices,
                History = [new ApprovalActionView("InfoSharing Bot", RecordActionKinds.Title(RecordActionKinds.NoDecider), new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc), null, null)],
            }),
            ["approval-more-info-requested"] = ApprovalCards.Channel(Model(RequestStatus.MoreInfoRequested)),
            ["approval-approved"] = ApprovalCards.Channel(Model(RequestStatus.Approved)),
            ["approval-declined"] = ApprovalCards.Channel(Model(RequestStatus.Declined)),
            ["approval-already-decided"] = ApprovalCards.Channel(Model(RequestStatus.Approved), banner: "Already approved by Arnold Approver on 24 Nov 2026, 10:00 GMT; your click changed nothing."),
            ["approval-detail"] = ApprovalCards.Detail(Model(RequestStatus.Pending), detail),
            ["approval-from-policy"] = ApprovalCardSentencesTests.ChannelCard(),
            ["approval-from-policy-detail"] = ApprovalCardSentencesTests.DetailCard(),
            ["more-information"] = PractitionerCards.MoreInformation(RequestId, "ISR-2026-0042", "Arnold Approver", "Which agency asked for this?", null, null),
            ["more-information-error"] = PractitionerCards.MoreInformation(RequestId, "ISR-2026-0042", "Arnold Approver", "Which agency asked for this?", "short", "Write between 10 and 2000 characters."),
            ["channel-introduction-registered"] = HostCards.ChannelIntroduction(true),
            ["channel-introduction"] = HostCards.ChannelIntroduction(false),
        };
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Card_IsVersion15UnderTheSizeLimitAndWrittenForTheRenderer(string name)
    {
        var card = Catalogue()[name];
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var json = card.ToJsonString();
        Assert.True(json.Length < 28 * 1024, $"{name} is {json.Length} bytes");

        var folder = Path.Combine(CardsFolder(), "approvals");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".json"), json);
    }

    [Fact]
    public void SharedCard_CarriesNoFreeTextButTheDetailViewDoes()
    {
        var detail = new ApprovalDetail { Sections = [new DetailSection("Why", [new DetailItem("Expected outcome", "UNIQUE-FREE-TEXT")])] };
        Assert.DoesNotContain("UNIQUE-FREE-TEXT", ApprovalCards.Channel(Model(RequestStatus.Pending)).ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("UNIQUE-FREE-TEXT", ApprovalCards.Detail(Model(RequestStatus.Pending), detail).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PendingCard_EveryExecuteHasASubmitFallbackWithTheSameVerb()
    {
        var json = ApprovalCards.Channel(Model(RequestStatus.Pending)).ToJsonString();
        var executes = JsonNode.Parse(json)!.AsObject().DescendantObjects().Where(o => o["type"]?.GetValue<string>() == "Action.Execute").ToList();
        Assert.Equal(5, executes.Count(e => e["verb"]?.GetValue<string>() != "refresh"));
        foreach (var e in executes.Where(e => e["verb"]?.GetValue<string>() != "refresh"))
        {
            Assert.Equal("Action.Submit", e["fallback"]!["type"]!.GetValue<string>());
            Assert.Equal(e["verb"]!.GetValue<string>(), e["fallback"]!["data"]!["verb"]!.GetValue<string>());
        }
    }

    [Fact]
    public void DecidedCard_HasNoButtons()
    {
        Assert.Null(ApprovalCards.Channel(Model(RequestStatus.Approved))["actions"]);
        Assert.Null(ApprovalCards.Channel(Model(RequestStatus.Declined))["refresh"]);
    }

    /// <summary>Where test.sh collects cards (INFOSHARING_CARDS_DIR), else artifacts/cards under the repository.</summary>
    internal static string CardsFolder()
    {
        var configured = Environment.GetEnvironmentVariable("INFOSHARING_CARDS_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        return RepositoryPaths.TryRoot is { } root ? Path.Combine(root, "artifacts", "cards") : Path.Combine(Path.GetTempPath(), "infosharing-cards");
    }
}

internal static class JsonNodeWalk
{
    public static IEnumerable<JsonObject> DescendantObjects(this JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var (_, child) in o)
                {
                    if (child is not null)
                    {
                        foreach (var d in child.DescendantObjects())
                        {
                            yield return d;
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        foreach (var d in child.DescendantObjects())
                        {
                            yield return d;
                        }
                    }
                }

                break;
        }
    }
}
