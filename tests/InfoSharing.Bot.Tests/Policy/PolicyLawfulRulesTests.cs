using System.Text.Json.Nodes;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Policy;

/// <summary>Issue 16: the policy file's own checks of what the dialog's lawful rules need from it.</summary>
public sealed class PolicyLawfulRulesTests
{
    private static PolicyLoadResult ParseChanged(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(PolicyLoader.DefaultPath))!.AsObject();
        change(root);
        return PolicyLoader.Parse(root.ToJsonString());
    }

    public static TheoryData<string, string> Faults => new()
    {
        { "no-apd", "organisation.appropriatePolicyDocument is missing" },
        { "apd-without-reference", "is held but has no reference" },
        { "apd-without-refusal", "appropriatePolicyDocument.refusal is missing" },
        { "sc-category-reveals-nothing", "'ethnicity' is special category but reveals no specialCategoryContent" },
        { "sc-category-reveals-unknown", "reveals 'astrology', which is not a specialCategoryContent answer" },
        { "no-none-answer", "lists.specialCategoryContent needs exactly one 'none' answer" },
        { "no-question", "texts.specialCategory needs the question" },
        { "no-not-asked-status", "exactly one status with notAsked" },
        { "urgent-default-unknown", "urgency.defaultDeadlineId 'within-a-fortnight' is not in lists.deadlines" },
        { "urgent-default-routine", "must not be a routine deadline" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Parse_LawfulRuleFault_IsReportedClearly(string fault, string expected)
    {
        var result = ParseChanged(root =>
        {
            var lists = root["lists"]!;
            var apd = root["organisation"]!["appropriatePolicyDocument"]!.AsObject();
            switch (fault)
            {
                case "no-apd":
                    root["organisation"]!.AsObject().Remove("appropriatePolicyDocument");
                    break;
                case "apd-without-reference":
                    apd["reference"] = "";
                    break;
                case "apd-without-refusal":
                    apd.Remove("refusal");
                    break;
                case "sc-category-reveals-nothing":
                    lists["dataCategories"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "ethnicity")!.AsObject().Remove("revealsSpecialCategory");
                    break;
                case "sc-category-reveals-unknown":
                    lists["dataCategories"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "ethnicity")!["revealsSpecialCategory"] = new JsonArray("astrology");
                    break;
                case "no-none-answer":
                    lists["specialCategoryContent"]!.AsArray().Single(c => c!["none"] is not null)!.AsObject().Remove("none");
                    break;
                case "no-question":
                    root["texts"]!["specialCategory"]!["question"] = "";
                    break;
                case "no-not-asked-status":
                    lists["consentStatuses"]!.AsArray().Single(c => c!["notAsked"] is not null)!.AsObject().Remove("notAsked");
                    break;
                case "urgent-default-unknown":
                    root["urgency"]!["defaultDeadlineId"] = "within-a-fortnight";
                    break;
                case "urgent-default-routine":
                    root["urgency"]!["defaultDeadlineId"] = "routine";
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(fault));
            }
        });

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Shipped_AppropriatePolicyDocument_IsHeldWithAReference_AndCoversParagraphs6_10And18()
    {
        var policy = PolicyLoader.Load(PolicyLoader.DefaultPath);

        var document = policy.Organisation.AppropriatePolicyDocument;
        Assert.NotNull(document);
        Assert.True(document.Held);
        Assert.NotEmpty(document.Reference);
        Assert.Equal(["sch1-para6", "sch1-para10", "sch1-para18"], policy.Lists.Article9Conditions.Where(c => c.RequiresAppropriatePolicyDocument).Select(c => c.Id));
        Assert.Equal(["co-sch1-para6", "co-sch1-para10", "co-sch1-para18"], policy.Lists.CriminalOffenceConditions.Where(c => c.RequiresAppropriatePolicyDocument).Select(c => c.Id));
    }
}
