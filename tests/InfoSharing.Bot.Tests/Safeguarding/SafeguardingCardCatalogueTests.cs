using System.Text;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Tests.Cards;
using InfoSharing.Bot.Tests.Dialog;
using F = InfoSharing.Bot.Cards.SafeguardingFieldIds;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tests.Safeguarding;

/// <summary>
/// Every card of the safeguarding paths, filled and with errors, written to artifacts/cards/safeguarding for the official
/// renderer (test.sh runs tools/validate-card.js over the cards folder), with structural checks that hold for each.
/// </summary>
public sealed class SafeguardingCardCatalogueTests
{
    private static readonly PolicyDocument Policy = DialogTestKit.PolicyDoc;
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.Parse("0193a5b0-0000-7000-8000-000000000077");
    private const string Secret = "UNIQUE-FREE-TEXT";

    public static TheoryData<string> Names => [.. Catalogue().Keys];

    public static Dictionary<string, JsonObject> Catalogue()
    {
        var due = Now.AddHours(24);
        var shortValues = EmergencyJourneyTests.ShortRecord(Now);
        var shortBroken = new Dictionary<string, string>(shortValues) { [F.EmergencyCaseReference] = "Jane Smith", [F.EmergencyRecipientRole] = "" };
        var shortFlagged = new Dictionary<string, string>(shortValues) { [F.EmergencyRecipientRole] = "Sergeant Jane Smith on the duty desk" };
        var warned = EmergencyRecordForm.ValidateShort(shortFlagged, [], Policy, Now);
        var record = EmergencyRecordForm.ValidateShort(shortValues, [], Policy, Now).Value!;
        var fullBroken = new Dictionary<string, string>(EmergencyJourneyTests.FullRecord()) { [F.EmergencyItems] = "short" };
        fullBroken.Remove(F.EmergencyArticle9);
        var adviceFlagged = new Dictionary<string, string>(AdviceJourneyTests.Consultation()) { [F.AdviceDescription] = "John Smith at SW1A 1AA (CS-123456) is being hit by an uncle at home, he says." };
        var adviceWarned = AdviceConsultationForm.Validate(adviceFlagged, [], Policy, "adviceNow");
        var scope = new ApprovedScope(["emotional-mental-health", "family-relationships"], "la-childrens-social-care", "secure-portal", Now.AddHours(-3));
        var wider = new Dictionary<string, string>(OutcomeJourneyTests.SharedAsApproved(Now))
        {
            [F.Outcome] = "shared-with-changes", [F.OutcomeChanges] = "The police asked for more.", [F.OutcomeCategories] = "emotional-mental-health,offending-history", [F.OutcomeRecipientType] = "police",
        };
        var outcomeBroken = new Dictionary<string, string> { [F.Outcome] = "shared-as-approved" };
        var seed = new AdviceSeed { MatterTypeId = "safeguarding-child", CategoryIds = ["family-relationships"], RecipientTypeId = "la-childrens-social-care" };

        return new Dictionary<string, JsonObject>(StringComparer.Ordinal)
        {
            ["emergency-short"] = SafeguardingFormCards.EmergencyShort(Policy, Id, "EMR-2026-0007", Now, due),
            ["emergency-short-errors"] = SafeguardingFormCards.EmergencyShort(Policy, Id, "EMR-2026-0007", Now, due, shortBroken, EmergencyRecordForm.ValidateShort(shortBroken, [], Policy, Now)),
            ["emergency-short-identifier-warning"] = SafeguardingFormCards.EmergencyShort(Policy, Id, "EMR-2026-0007", Now, due, shortFlagged, warned),
            ["emergency-short-identifier-refused"] = SafeguardingFormCards.EmergencyShort(Policy, Id, "EMR-2026-0007", Now, due, shortFlagged, EmergencyRecordForm.ValidateShort(shortFlagged, warned.Warned, Policy, Now)),
            ["emergency-full"] = SafeguardingFormCards.EmergencyFull(Policy, Id, "EMR-2026-0007", due, record),
            ["emergency-full-errors"] = SafeguardingFormCards.EmergencyFull(Policy, Id, "EMR-2026-0007", due, record, fullBroken, EmergencyRecordForm.ValidateFull(fullBroken, [], Policy, record)),
            ["advice-form-seeded"] = SafeguardingFormCards.Advice(Policy, "adviceNow", AdviceConsultationForm.ValuesFromSeed(seed)),
            ["advice-form-errors"] = SafeguardingFormCards.Advice(Policy, "command", new Dictionary<string, string>(), AdviceConsultationForm.Validate(new Dictionary<string, string>(), [], Policy, "command")),
            ["advice-form-identifier-warning"] = SafeguardingFormCards.Advice(Policy, "adviceNow", adviceFlagged, adviceWarned),
            ["advice-form-identifier-refused"] = SafeguardingFormCards.Advice(Policy, "adviceNow", adviceFlagged, AdviceConsultationForm.Validate(adviceFlagged, adviceWarned.Warned, Policy, "adviceNow")),
            ["outcome-form"] = SafeguardingFormCards.Outcome(Policy, Id, "ISR-2026-0042", "CS-123456", scope),
            ["outcome-form-errors"] = SafeguardingFormCards.Outcome(Policy, Id, "ISR-2026-0042", "CS-123456", scope, outcomeBroken, OutcomeRecordForm.Validate(outcomeBroken, [], Policy, scope, Now)),
            ["outcome-form-wider-scope"] = SafeguardingFormCards.Outcome(Policy, Id, "ISR-2026-0042", "CS-123456", scope, wider, OutcomeRecordForm.Validate(wider, [], Policy, scope, Now)),
            ["advice-answer"] = SafeguardingCards.AdviceAnswer(Id, "ADV-2026-0008", "Arnold Approver", "24 Nov 2026, 10:00 GMT", "Make a referral", "Refer to the MASH today and tell the DSL."),
            ["reconsider"] = SafeguardingCards.Reconsider(Id, "ISR-2026-0042", Policy.Safeguarding.Texts.Reconsider),
            ["ask-advice"] = SafeguardingCards.AskAdvice("You can ask the approvers for advice without identifying the person."),
            ["review-pending"] = RecordCards.Channel(Review(SafeguardingStatus.ReviewPending)),
            ["review-concern-error"] = RecordCards.Channel(Review(SafeguardingStatus.ReviewPending), new Dictionary<string, string> { [F.ReviewConcern] = "Write 10 to 2000 characters." },
                new JsonObject { [F.ReviewConcern] = "short" }, "Please correct the highlighted field."),
            ["review-acknowledged"] = RecordCards.Channel(Review(SafeguardingStatus.Acknowledged)),
            ["review-concern-raised"] = RecordCards.Channel(Review(SafeguardingStatus.ConcernRaised)),
            ["review-detail"] = RecordCards.Detail(Review(SafeguardingStatus.ReviewPending), Detail(), Policy),
            ["advice-pending"] = RecordCards.Channel(Advice(SafeguardingStatus.AwaitingAdvice)),
            ["advice-detail-answer-form"] = RecordCards.Detail(Advice(SafeguardingStatus.AwaitingAdvice), Detail(), Policy),
            ["advice-detail-answer-errors"] = RecordCards.Detail(Advice(SafeguardingStatus.AwaitingAdvice), Detail(), Policy,
                new Dictionary<string, string> { [F.AdviceAnswer] = "Write your advice in 10 to 2000 characters.", [F.AdviceSuggestedOutcome] = "Choose a suggested outcome." },
                new JsonObject { [F.AdviceAnswer] = "Refer." }, "Please correct the highlighted fields."),
            ["advice-answered"] = RecordCards.Channel(Advice(SafeguardingStatus.AdviceGiven)),
            ["advice-detail-answered"] = RecordCards.Detail(Advice(SafeguardingStatus.AdviceGiven), Detail(), Policy),
        };
    }

    private static RecordCardModel Review(string status) => new()
    {
        RecordId = Id,
        Kind = RecordKinds.Emergency,
        Reference = "EMR-2026-0007",
        Status = status,
        Title = "Retrospective review: emergency sharing EMR-2026-0007",
        StatusLine = status == SafeguardingStatus.ReviewPending ? "Retrospective review: awaiting an approver" : $"{RequestStatus.Title(status)} by Arnold Approver on 24 Nov 2026, 11:00 GMT",
        Intro = Policy.Safeguarding.Texts.ReviewIntro,
        Facts = [("Case reference", "CS-123456"), ("Information shared", "Emotional and mental health [SC]"), ("Shared with", "Police"), ("When", "24 Nov 2026, 08:30 GMT"), ("Full record", "Due by 25 Nov 2026, 09:00 GMT")],
        Warnings = ["No one authorised the sharing verbally."],
        History = [new ApprovalActionView("Paula Practitioner", "gave the retrospective record", Now.UtcDateTime, null, null)],
        AwaitingApprovers = status == SafeguardingStatus.ReviewPending,
        RefreshUserIds = ["29:approver-1"],
    };

    private static RecordCardModel Advice(string status) => new()
    {
        RecordId = Id,
        Kind = RecordKinds.Advice,
        Reference = "ADV-2026-0008",
        Status = status,
        Title = "Advice requested ADV-2026-0008 (anonymised)",
        StatusLine = status == SafeguardingStatus.AdviceGiven ? "Answered by Arnold Approver on 24 Nov 2026, 10:00 GMT: suggested outcome Make a referral" : "Awaiting advice from an approver",
        Facts = [("Age band", "11 to 15"), ("Matter", "Safeguarding a child"), ("Identity disclosed", "No")],
        AwaitingApprovers = status == SafeguardingStatus.AwaitingAdvice,
        RefreshUserIds = ["29:approver-1"],
    };

    private static ApprovalDetail Detail() => new() { Sections = [new DetailSection("Consultation", [new DetailItem("The concern", Secret), new DetailItem("Question", "Refer now?")])] };

    [Theory]
    [MemberData(nameof(Names))]
    public void Card_IsVersion15UnderTheSizeLimit_EveryInputLabelled_WrittenForTheRenderer(string name)
    {
        var card = Catalogue()[name];
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.NotNull(card["$schema"]);
        var json = card.ToJsonString();
        Assert.True(Encoding.UTF8.GetByteCount(json) < 28 * 1024, $"{name} is {json.Length} bytes");

        var objects = card.DescendantObjects().ToList();
        var inputs = objects.Where(o => o["type"]?.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal) == true).ToList();
        Assert.All(inputs, i => Assert.False(string.IsNullOrWhiteSpace(i["label"]?.GetValue<string>()), $"{name}: input {i["id"]} has no label"));
        var ids = objects.Select(o => o["id"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(objects.Where(o => o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"]?.GetValue<string>() != SafeguardingVerbs.Refresh),
            e => Assert.Equal(e["verb"]!.GetValue<string>(), e["fallback"]!["data"]!["verb"]!.GetValue<string>()));

        var folder = Path.Combine(ApprovalCardCatalogueTests.CardsFolder(), "safeguarding");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".json"), json);
    }

    [Theory]
    [InlineData("review-pending")]
    [InlineData("review-acknowledged")]
    [InlineData("advice-pending")]
    [InlineData("advice-answered")]
    public void ChannelCards_CarryNoFreeText_TheDetailViewDoes(string name)
    {
        Assert.DoesNotContain(Secret, Catalogue()[name].ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(Secret, Catalogue()[name.StartsWith("review", StringComparison.Ordinal) ? "review-detail" : "advice-detail-answer-form"].ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReviewCard_OffersAcknowledgeAndRaiseAConcern_NeverApproveOrDecline()
    {
        var verbs = Catalogue()["review-pending"].DescendantObjects().Select(o => o["verb"]?.GetValue<string>()).OfType<string>().ToHashSet();
        Assert.Contains(SafeguardingVerbs.Acknowledge, verbs);
        Assert.Contains(SafeguardingVerbs.RaiseConcern, verbs);
        Assert.DoesNotContain(ApprovalVerbs.Approve, verbs);
        Assert.DoesNotContain(ApprovalVerbs.Decline, verbs);
        Assert.DoesNotContain(SafeguardingVerbs.Acknowledge, Catalogue()["review-acknowledged"].ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Forms_ShowErrorsAndWarningsBesideTheirFields_AndCarryTheWarnedFields()
    {
        var refused = Catalogue()["advice-form-identifier-refused"];
        Assert.NotNull(SafeguardingWorld.Beside(refused, F.AdviceDescription));
        Assert.NotNull(SafeguardingWorld.Beside(refused, F.AdviceDescription, "_warning"));
        Assert.Equal(F.AdviceDescription, SafeguardingWorld.FindSubmit(refused, SafeguardingActions.AdviceConsultation)["data"]!["warned"]!.GetValue<string>());
        Assert.NotNull(SafeguardingWorld.FindSubmit(Catalogue()["outcome-form-wider-scope"], SafeguardingActions.WiderRequest));
    }
}
