using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Tests.Dialog;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tests.Cards;

/// <summary>Golden-style checks of the key structure of the cards: inputs, kept values, errors and warnings next to their fields.</summary>
public sealed class CardStructureTests
{
    private static readonly CardActionContext Context = new(3, 1, 7, "d1");

    private static FormCardModel Model() => new()
    {
        Title = "Step 3 of 9: With whom",
        Intro = "Intro",
        Fields =
        [
            new FormField { Id = "choice", Label = "Pick one", Kind = FieldKind.SingleChoice, Required = true, ErrorMessage = "Choose.", Options = [new("a", "A"), new("b", "B")] },
            new FormField { Id = "many", Label = "Pick several", Kind = FieldKind.MultiChoice, Options = [new("x", "X"), new("y", "Y")] },
            new FormField { Id = "yn", Label = "Yes or no?", Kind = FieldKind.YesNo, Required = true, ErrorMessage = "Answer." },
            new FormField { Id = "text", Label = "Describe", Kind = FieldKind.MultilineText, MaxLength = 800, Hint = "30 to 800 characters." },
            new FormField { Id = "when", Label = "When", Kind = FieldKind.Date },
        ],
        Values = new Dictionary<string, string> { ["choice"] = "b", ["many"] = "x,y", ["yn"] = "no", ["text"] = "Jane Smith", ["when"] = "2026-12-01" },
        Errors = new Dictionary<string, string> { ["choice"] = "Wrong choice.", ["when"] = "Too early." },
        IdentifierWarnings = new Dictionary<string, string> { ["text"] = "This may contain a name." },
        Actions = FormCard.StepActions(Context, "Continue", showBack: true),
    };

    private static List<JsonObject> Body(JsonObject card) => [.. card["body"]!.AsArray().Select(n => n!.AsObject())];

    private static int IndexOf(List<JsonObject> body, string id) => body.FindIndex(e => e["id"]?.GetValue<string>() == id);

    [Fact]
    public void FormCard_EveryFieldIsAnInputWithLabelAndItsValueKept()
    {
        var card = FormCard.Build(Model());
        var body = Body(card);

        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Equal("Input.ChoiceSet", body[IndexOf(body, "choice")]["type"]!.GetValue<string>());
        Assert.Equal("b", body[IndexOf(body, "choice")]["value"]!.GetValue<string>());
        Assert.True(body[IndexOf(body, "choice")]["isRequired"]!.GetValue<bool>());
        Assert.Equal("Choose.", body[IndexOf(body, "choice")]["errorMessage"]!.GetValue<string>());
        Assert.True(body[IndexOf(body, "many")]["isMultiSelect"]!.GetValue<bool>());
        Assert.Equal("x,y", body[IndexOf(body, "many")]["value"]!.GetValue<string>());
        Assert.Equal(["yes", "no"], body[IndexOf(body, "yn")]["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal("expanded", body[IndexOf(body, "yn")]["style"]!.GetValue<string>());
        Assert.True(body[IndexOf(body, "text")]["isMultiline"]!.GetValue<bool>());
        Assert.Equal(800, body[IndexOf(body, "text")]["maxLength"]!.GetValue<int>());
        Assert.Equal("Input.Date", body[IndexOf(body, "when")]["type"]!.GetValue<string>());
        Assert.Equal("2026-12-01", body[IndexOf(body, "when")]["value"]!.GetValue<string>());
        Assert.All(body.Where(e => e["type"]!.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal)), e => Assert.False(string.IsNullOrEmpty(e["label"]?.GetValue<string>())));
    }

    [Theory]
    [InlineData("choice", "Wrong choice.")]
    [InlineData("when", "Too early.")]
    public void FormCard_ErrorIsAnAttentionTextBlockRightUnderItsInput(string field, string message)
    {
        var body = Body(FormCard.Build(Model()));

        var error = body[IndexOf(body, field) + 1];
        Assert.Equal("TextBlock", error["type"]!.GetValue<string>());
        Assert.Equal(field + CardData.ErrorSuffix, error["id"]!.GetValue<string>());
        Assert.Equal("Attention", error["color"]!.GetValue<string>());
        Assert.Equal(message, error["text"]!.GetValue<string>());
    }

    [Fact]
    public void FormCard_IdentifierWarningIsFollowedByTheConfirmationCheckbox()
    {
        var body = Body(FormCard.Build(Model()));
        var input = IndexOf(body, "text");

        Assert.Equal("text" + CardData.WarningSuffix, body[input + 1]["id"]!.GetValue<string>());
        var toggle = body[input + 2];
        Assert.Equal("Input.Toggle", toggle["type"]!.GetValue<string>());
        Assert.Equal("text" + CardData.NoIdentifierConfirmSuffix, toggle["id"]!.GetValue<string>());
        Assert.Equal(FormCard.ConfirmNoIdentifierTitle, toggle["title"]!.GetValue<string>());
        Assert.Equal("false", toggle["value"]!.GetValue<string>());
    }

    [Fact]
    public void FormCard_ButtonsCarryStepVersionRevisionAndDraft_AndOnlyContinueSendsInputs()
    {
        var card = FormCard.Build(Model());
        var actions = card["actions"]!.AsArray().Select(a => a!.AsObject()).ToList();

        Assert.Equal(["Continue", "Back", "Help", "Cancel request"], actions.Select(a => a["title"]!.GetValue<string>()));
        Assert.All(actions, a =>
        {
            Assert.Equal("Action.Submit", a["type"]!.GetValue<string>());
            Assert.Equal(3, a["data"]![CardData.Step]!.GetValue<int>());
            Assert.Equal(1, a["data"]![CardData.DialogVersion]!.GetValue<int>());
            Assert.Equal(7, a["data"]![CardData.DraftRevision]!.GetValue<int>());
            Assert.Equal("d1", a["data"]![CardData.DraftId]!.GetValue<string>());
        });
        Assert.Null(actions[0]["associatedInputs"]);
        Assert.All(actions.Skip(1), a => Assert.Equal("none", a["associatedInputs"]!.GetValue<string>()));
    }

    [Fact]
    public void WelcomeCard_ShowsWhatTheBotDoesTheGoldenRulesAndThreeButtons()
    {
        var texts = DialogTestKit.PolicyDoc.Texts;
        var card = WelcomeCard.Build(texts);
        var lines = Body(card).Where(e => e["type"]!.GetValue<string>() == "TextBlock").Select(e => e["text"]!.GetValue<string>()).ToList();

        Assert.Contains(texts.Welcome, lines);
        for (var i = 0; i < texts.GoldenRules.Count; i++)
        {
            Assert.Contains($"{i + 1}. {texts.GoldenRules[i]}", lines);
        }

        Assert.Equal([CardData.NewRequest, CardData.MyRequests, CardData.Help],
            card["actions"]!.AsArray().Select(a => a!["data"]![CardData.Action]!.GetValue<string>()));
    }

    [Fact]
    public void EmergencyCard_ShowsActNowContactsAndThatSharingMayHappenNow()
    {
        var emergency = DialogTestKit.PolicyDoc.Texts.Emergency;
        var card = EmergencyCard.Build(emergency);
        var json = card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.All(emergency.ActNow, line => Assert.Contains(line, json, StringComparison.Ordinal));
        Assert.All(emergency.Contacts, c => Assert.Contains(c.Value, json, StringComparison.Ordinal));
        Assert.Equal(emergency.ShareNow, DialogTestKit.ElementsById(card)["shareNow"]["text"]!.GetValue<string>());
        Assert.Contains("without waiting for approval", emergency.ShareNow, StringComparison.Ordinal);
    }

    [Fact]
    public void ReviewCard_DeclarationIsARequiredToggleAndErrorsSitUnderIt()
    {
        var model = new ReviewCardModel
        {
            Title = "Review",
            Sections = [new ReviewSection { Step = 2, Title = "What", Facts = [new ReviewFact("Items", "Reports")] }],
            DeclarationText = "I confirm.",
            DeclarationError = "Tick the declaration to submit.",
            Context = new CardActionContext(9, 1, 4, "d1"),
        };

        var card = ReviewCard.Build(model);
        var body = Body(card);
        var index = IndexOf(body, FieldIds.Declaration);

        Assert.True(body[index]["isRequired"]!.GetValue<bool>());
        Assert.Equal("Input.Toggle", body[index]["type"]!.GetValue<string>());
        Assert.Equal(FieldIds.Declaration + CardData.ErrorSuffix, body[index + 1]["id"]!.GetValue<string>());
        var edit = DialogTestKit.AllActions(card).Single(a => a["data"]![CardData.Action]!.GetValue<string>() == CardData.Edit);
        Assert.Equal(2, edit["data"]![CardData.Section]!.GetValue<int>());
        Assert.Equal("none", edit["associatedInputs"]!.GetValue<string>());
    }
}
