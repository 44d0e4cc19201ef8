using System.Text.Json.Nodes;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Policy;

public sealed class PolicyLoaderTests
{
    private static string ShippedJson() => File.ReadAllText(PolicyLoader.DefaultPath);

    private static PolicyLoadResult ParseChanged(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(ShippedJson())!.AsObject();
        change(root);
        return PolicyLoader.Parse(root.ToJsonString());
    }

    [Fact]
    public void LoadFromFile_ShippedPolicy_IsValid()
    {
        var result = PolicyLoader.LoadFromFile(PolicyLoader.DefaultPath);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("2026.12.2", result.Policy!.Version);
    }

    [Fact]
    public void Load_ShippedPolicy_HoldsEveryListOfTheSpecification()
    {
        var policy = PolicyLoader.Load(PolicyLoader.DefaultPath);
        var lists = policy.Lists;

        Assert.Equal(16, lists.DataCategories.Count);
        Assert.Equal(["ethnicity", "substance-misuse", "emotional-mental-health", "attitudes-to-engagement", "cultural-factors"], lists.DataCategories.Where(c => c.SpecialCategory).Select(c => c.Id));
        Assert.Equal(["offending-history"], lists.DataCategories.Where(c => c.CriminalOffence).Select(c => c.Id));
        Assert.True(lists.DataCategories.Single(c => c.Id == "other").RoutesToDpo);
        Assert.Equal(16, lists.RecipientTypes.Count);
        Assert.True(lists.RecipientTypes.Single(r => r.Id == "other").RoutesToDpo);
        Assert.Equal(11, lists.Purposes.Count);
        Assert.Equal(["prevent-referral", "channel-information-request", "channel-support-plan"], lists.Purposes.Where(p => p.Prevent).Select(p => p.Id));
        Assert.Equal(["legitimate-interests", "recognised-legitimate-interests"], lists.Article6Bases.Where(b => b.HiddenForPublicAuthority).Select(b => b.Id));
        Assert.Equal("public-task", lists.Article6Bases.Single(b => b.IsDefault).Id);
        Assert.Equal(16, lists.StatutoryFunctions.Count);
        Assert.Equal(["children-act-2004-s16h", "care-act-2014-s45", "court-order"], lists.StatutoryFunctions.Where(f => f.Article6BasisId == "legal-obligation").Select(f => f.Id));
        Assert.Equal(["not-necessary", "not-proportionate", "no-lawful-basis", "recipient-not-appropriate", "consent-openness", "insufficient-information", "other"], lists.DeclineReasons.Select(r => r.Id));
        Assert.Equal(["no", "not-sure"], lists.AgreementStatuses.Where(a => a.RoutesToDpo).Select(a => a.Id));
        Assert.Equal(5, lists.Article9Conditions.Count);
        Assert.Equal(6, lists.CriminalOffenceConditions.Count);
        Assert.Equal(4, lists.ConsentStatuses.Count);
        Assert.Equal(8, lists.ConsentExceptionReasons.Count);
        Assert.Equal(5, lists.MatterTypes.Count);
        Assert.Equal(7, lists.SubjectTypes.Count);
        Assert.Equal(3, lists.AtRiskTypes.Count);
        Assert.Equal(["necessary", "recipient-needs", "accurate", "relevant"], lists.AskedNecessityChecks.Select(c => c.Id));
        // the checks step 6 asked before revision 2: retired, so that older records still read by title
        Assert.Equal(["minimum", "timely", "secure"], lists.NecessityChecks.Where(c => c.Retired).Select(c => c.Id));
        Assert.All(lists.SecureMethods, m => Assert.True(m.Allowed));
        Assert.Equal(["today", "within-24-hours", "within-one-working-day", "by-date", "routine"], lists.Deadlines.Select(d => d.Id));
        Assert.Equal(["child-protection-referral", "emergency-vital-interests"], lists.Purposes.Where(p => p.Urgent).Select(p => p.Id));
        Assert.Equal(7, policy.DraftExpiryDays);
        Assert.True(policy.Organisation.IsPublicAuthority);
        Assert.Equal(7, policy.Texts.GoldenRules.Count);
        Assert.Equal(10, policy.Texts.Steps.Count);
        Assert.NotEmpty(policy.Texts.Emergency.Contacts);
        Assert.Equal(["uk-postcode", "date", "nhs-number", "pupil-number", "titled-name", "full-name"], policy.IdentifierPatterns.Select(p => p.Id));
    }

    [Fact]
    public void Load_ShippedPolicy_NeverQuotesThe2018Advice()
    {
        var json = ShippedJson();

        Assert.DoesNotContain("2018 advice", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("seven golden rules for sharing information", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Information sharing: advice for practitioners", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_DocumentWithSeveralFaults_ReportsEveryErrorAtOnce()
    {
        var result = ParseChanged(root =>
        {
            var categories = root["lists"]!["dataCategories"]!.AsArray();
            categories.Add(new JsonObject { ["id"] = "ethnicity", ["title"] = "Ethnicity again" });
            root["caseReference"]!["pattern"] = "^[A-Z{2,5}$(";
            root["identifierPatterns"]![0]!["pattern"] = "(unclosed";
            root["crossChecks"]!["para18ConsentReasonIds"]!.AsArray().Add("no-such-reason");
            root["limits"]!["justification"] = new JsonObject { ["min"] = 900, ["max"] = 800 };
        });

        Assert.False(result.IsValid);
        Assert.Null(result.Policy);
        Assert.Contains(result.Errors, e => e.Contains("duplicate id 'ethnicity'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("caseReference.pattern is not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("identifierPatterns 'uk-postcode'.pattern is not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("'no-such-reason', which is not in consentExceptionReasons", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("limits.justification", StringComparison.Ordinal));
        Assert.True(result.Errors.Count >= 5);
    }

    public static TheoryData<string, string> SingleFaults => new()
    {
        { "duplicate-purpose", "lists.purposes has a duplicate id 'other'" },
        { "bad-id-shape", "lists.matterTypes id 'Bad Id'" },
        { "missing-title", "has no title" },
        { "no-default-basis", "exactly one isDefault basis" },
        { "default-hidden", "is hidden for a public authority" },
        { "unknown-para10-condition", "'sch1-para99', which is not in article9Conditions" },
        { "missing-step-text", "exactly one entry for step 9" },
        { "no-allowed-method", "lists.secureMethods has no allowed method" },
        { "expiry-zero", "draftExpiryDays must be between 1 and 90" },
        { "example-not-matching", "does not match caseReference.pattern" },
        { "empty-list", "lists.deadlines is missing or empty" },
        { "missing-note", "texts.notes.declaration is missing" },
    };

    [Theory]
    [MemberData(nameof(SingleFaults))]
    public void Parse_SingleFault_IsReportedClearly(string fault, string expected)
    {
        var result = ParseChanged(root =>
        {
            var lists = root["lists"]!;
            switch (fault)
            {
                case "duplicate-purpose":
                    lists["purposes"]!.AsArray().Add(new JsonObject { ["id"] = "other", ["title"] = "Other again" });
                    break;
                case "bad-id-shape":
                    lists["matterTypes"]![0]!["id"] = "Bad Id";
                    break;
                case "missing-title":
                    lists["subjectTypes"]![0]!["title"] = "";
                    break;
                case "no-default-basis":
                    lists["article6Bases"]![0]!["isDefault"] = false;
                    break;
                case "default-hidden":
                    lists["article6Bases"]![0]!["hiddenForPublicAuthority"] = true;
                    break;
                case "unknown-para10-condition":
                    root["crossChecks"]!["para10ConditionIds"]!.AsArray().Add("sch1-para99");
                    break;
                case "missing-step-text":
                    root["texts"]!["steps"]!.AsArray().RemoveAt(9);
                    break;
                case "no-allowed-method":
                    foreach (var method in lists["secureMethods"]!.AsArray())
                    {
                        method!["allowed"] = false;
                        method["disallowedReason"] = "Not allowed.";
                    }

                    break;
                case "expiry-zero":
                    root["draftExpiryDays"] = 0;
                    break;
                case "example-not-matching":
                    root["caseReference"]!["example"] = "not a reference";
                    break;
                case "empty-list":
                    lists["deadlines"] = new JsonArray();
                    break;
                case "missing-note":
                    root["texts"]!["notes"]!.AsObject().Remove("declaration");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(fault));
            }
        });

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ \"version\": ", "not valid JSON")]
    [InlineData("{ \"version\": \"1\", \"unknownSetting\": true }", "not valid JSON")]
    [InlineData("null", "empty")]
    public void Parse_UnreadableDocument_ReportsWhy(string json, string expected)
    {
        var result = PolicyLoader.Parse(json);

        Assert.False(result.IsValid);
        Assert.Contains(expected, Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyObject_ReportsEveryMissingPart()
    {
        var result = PolicyLoader.Parse("{}");

        Assert.False(result.IsValid);
        Assert.Contains("version is missing.", result.Errors);
        Assert.Contains(result.Errors, e => e.StartsWith("lists.dataCategories is missing", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("texts.welcome", StringComparison.Ordinal));
        Assert.True(result.Errors.Count > 20);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAllowedForHandEditing()
    {
        var json = ShippedJson().Replace("\"version\": \"2026.12.2\",", "// edited by the DPO\n  \"version\": \"2026.12.3\",", StringComparison.Ordinal);

        var result = PolicyLoader.Parse(json);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("2026.12.3", result.Policy!.Version);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-policy-" + Guid.NewGuid().ToString("N") + ".json");

        var ex = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Single(ex.Errors);
    }

    public static TheoryData<string, string> ApproverTextFaults => new()
    {
        { "dpoReason", "lists.dataCategories 'other' routes to the DPO but has no dpoReason" },
        { "explanation", "lists.article9Conditions 'sch1-para18' has no explanation" },
        { "article6BasisId", "lists.statutoryFunctions 'care-act-2014-s45' refers to the basis 'no-such-basis'" },
        { "coveredAndDpo", "lists.recipientTypes 'other' cannot both be covered by the agreement and route to the DPO" },
        { "noCoveredAnswer", "lists.agreementStatuses needs exactly one isCoveredAnswer status" },
    };

    [Theory]
    [MemberData(nameof(ApproverTextFaults))]
    public void Parse_ApproverTextMissingOrInconsistent_IsRefusedNamingTheEntry(string fault, string expected)
    {
        static JsonObject Item(JsonObject root, string list, string id) =>
            root["lists"]![list]!.AsArray().Select(n => n!.AsObject()).Single(o => o["id"]!.GetValue<string>() == id);

        var result = ParseChanged(root =>
        {
            switch (fault)
            {
                case "dpoReason":
                    Item(root, "dataCategories", "other").Remove("dpoReason");
                    break;
                case "explanation":
                    Item(root, "article9Conditions", "sch1-para18")["explanation"] = " ";
                    break;
                case "article6BasisId":
                    Item(root, "statutoryFunctions", "care-act-2014-s45")["article6BasisId"] = "no-such-basis";
                    break;
                case "coveredAndDpo":
                    Item(root, "recipientTypes", "other")["coveredByAgreement"] = true;
                    break;
                case "noCoveredAnswer":
                    Item(root, "agreementStatuses", "yes").Remove("isCoveredAnswer");
                    break;
            }
        });

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }
}
