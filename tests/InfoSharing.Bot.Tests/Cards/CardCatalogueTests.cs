using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Tests.Dialog;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Samples;

namespace InfoSharing.Bot.Tests.Cards;

public sealed class CardCatalogueTests
{
    private const int MaxCardBytes = 28 * 1024;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public void All_WritesEveryCardToArtifacts_ForTheOfficialValidator()
    {
        var cards = DialogCardCatalogue.All(DialogTestKit.PolicyDoc, DialogTestKit.Now);
        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "cards", "dialog");
        Directory.CreateDirectory(folder);
        foreach (var old in Directory.GetFiles(folder, "*.json"))
        {
            File.Delete(old);
        }

        foreach (var card in cards)
        {
            File.WriteAllText(Path.Combine(folder, card.Name + ".json"), card.Card.ToJsonString(Indented), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        Assert.Equal(cards.Count, Directory.GetFiles(folder, "*.json").Length);
        Assert.True(cards.Count >= 40, $"Only {cards.Count} cards in the catalogue.");
    }

    [Fact]
    public void All_NamesAreUnique()
    {
        var cards = DialogCardCatalogue.All(DialogTestKit.PolicyDoc, DialogTestKit.Now);
        Assert.Equal(cards.Count, cards.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void All_EveryCardIsVersion15WithSchemaAndUnder28KB()
    {
        foreach (var card in DialogCardCatalogue.All(DialogTestKit.PolicyDoc, DialogTestKit.Now))
        {
            Assert.Equal("AdaptiveCard", card.Card["type"]?.GetValue<string>());
            Assert.Equal("1.5", card.Card["version"]?.GetValue<string>());
            Assert.NotNull(card.Card["$schema"]);
            Assert.True(Encoding.UTF8.GetByteCount(card.Card.ToJsonString()) < MaxCardBytes, $"{card.Name} is too large.");
        }
    }

    [Fact]
    public void All_EveryInputHasALabelAndAUniqueId_AndEveryActionIsSubmit()
    {
        foreach (var card in DialogCardCatalogue.All(DialogTestKit.PolicyDoc, DialogTestKit.Now))
        {
            var ids = new List<string>();
            foreach (var node in Descendants(card.Card))
            {
                var type = node["type"]?.GetValue<string>() ?? "";
                if (node["id"] is JsonValue id && !type.StartsWith("Action.", StringComparison.Ordinal))
                {
                    ids.Add(id.GetValue<string>());
                }

                if (type.StartsWith("Input.", StringComparison.Ordinal))
                {
                    Assert.False(string.IsNullOrWhiteSpace(node["label"]?.GetValue<string>()), $"{card.Name}: input {node["id"]} has no label.");
                    if (node["isRequired"]?.GetValue<bool>() == true)
                    {
                        Assert.False(string.IsNullOrWhiteSpace(node["errorMessage"]?.GetValue<string>()), $"{card.Name}: required input {node["id"]} has no errorMessage.");
                    }
                }

                if (type.StartsWith("Action.", StringComparison.Ordinal))
                {
                    Assert.Equal("Action.Submit", type);
                }
            }

            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void All_LargestPossibleReviewCard_StaysUnder28KB()
    {
        var policy = DialogTestKit.PolicyDoc;
        string Long(int length) => new('x', length);
        var result = DialogTestKit.AnswerUntil(DialogStep.Review, (step, values) =>
        {
            switch (step)
            {
                case DialogStep.What:
                    values[FieldIds.ItemsDescription] = Long(policy.Limits.ItemsDescription.Max);
                    values[FieldIds.OtherCategoryDetail] = Long(policy.Limits.Detail.Max);
                    values[FieldIds.OthersProtection] = Long(policy.Limits.Detail.Max);
                    break;
                case DialogStep.Why:
                    values[FieldIds.ExpectedOutcome] = Long(policy.Limits.ExpectedOutcome.Max);
                    values[FieldIds.RiskIfNotShared] = Long(policy.Limits.RiskIfNotShared.Max);
                    break;
                case DialogStep.Necessity:
                    foreach (var check in policy.Lists.NecessityChecks)
                    {
                        values[FieldIds.NecessityCheck(check.Id)] = "no";
                        values[FieldIds.NecessityExplanation(check.Id)] = Long(policy.Limits.Explanation.Max);
                    }

                    values[FieldIds.Justification] = Long(policy.Limits.Justification.Max);
                    break;
                case DialogStep.Consent:
                    values[FieldIds.Views] = Long(policy.Limits.Views.Max);
                    break;
                case DialogStep.AdviceAndDeadline:
                    values[FieldIds.AdviceSummary] = Long(policy.Limits.Summary.Max);
                    break;
                default:
                    break;
            }

            return values;
        });
        var bytes = Encoding.UTF8.GetByteCount(DialogTestKit.Card(result).ToJsonString());
        Assert.True(bytes < MaxCardBytes, $"The review card is {bytes} bytes.");
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            yield return obj;
            foreach (var (key, child) in obj)
            {
                if (key == "data")
                {
                    continue;
                }

                foreach (var d in Descendants(child))
                {
                    yield return d;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                foreach (var d in Descendants(child))
                {
                    yield return d;
                }
            }
        }
    }
}
