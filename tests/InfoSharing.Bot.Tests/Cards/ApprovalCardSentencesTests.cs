using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Tests.Records;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tests.Cards;

/// <summary>
/// Issue 16, defect 9 (domain §7): the approval card and its detail view read as sentences from the policy's titles,
/// never a policy id or JSON; who the information is about, who is at risk and received-or-proposed are on the card;
/// the decline reasons are the policy's. Golden files in <c>Cards/Golden/</c> (INFOSHARING_UPDATE_GOLDEN=1 accepts).
/// </summary>
public sealed class ApprovalCardSentencesTests
{
    private static readonly PolicyDocument Policy = PolicyLoader.Load(PolicyLoader.DefaultPath);
    private static readonly Guid RequestId = Guid.Parse("0193a5b0-0000-7000-8000-000000000042");
    private static readonly DateTimeOffset SubmittedAt = new(2026, 12, 2, 10, 30, 0, TimeSpan.Zero);

    /// <summary>
    /// A school shares a parent's information to protect a child (para 18 on the person at risk), with an "other"
    /// category, an unlisted recipient and "not sure" about an agreement: every warning the DPO can see.
    /// </summary>
    private static RequestSubmission Submission()
    {
        var answers = new DraftAnswers
        {
            Urgency = new UrgencyAnswers { ImmediateDanger = false },
            About = new AboutAnswers { MatterTypeId = "safeguarding-child", DirectionId = "received", CaseReference = "CS-123456", SubjectTypeIds = ["parent-carer"], AtRiskTypeIds = ["child"] },
            What = new WhatAnswers
            {
                CategoryIds = ["emotional-mental-health", "offending-history", "other"], OtherCategoryDetail = "attendance pattern summary",
                ItemsDescription = "The parent's disclosed alcohol use and the police callout log the school holds.", IdentifiesOthers = true,
                OthersProtection = "The neighbour who reported it is not named.", ContainsOpinion = true,
                SpecialCategoryContentIds = ["health"], CriminalOffenceContent = true,
            },
            WithWhom = new WithWhomAnswers { RecipientTypeId = "other", RecipientRole = "Family court adviser", RecipientVerified = true, AgreementStatusId = "not-sure", SecureMethodId = "secure-portal" },
            Why = new WhyAnswers
            {
                PurposeIds = ["child-protection-referral", "prevent-referral"], ExpectedOutcome = "Children's social care can decide on a strategy discussion.",
                RiskIfNotShared = "The child may stay at home with an unmanaged risk.", MinimisationId = "no",
            },
            LegalBasis = new LegalBasisAnswers { Article6BasisId = "public-task", StatutoryFunctionId = "children-act-2004-s16h", Article9ConditionId = "sch1-para18", CriminalOffenceConditionId = "co-official-authority" },
            Necessity = new NecessityAnswers
            {
                Checks = [new NecessityCheckAnswer { CheckId = "necessary", Met = true }, new NecessityCheckAnswer { CheckId = "accurate", Met = false, Explanation = "The callout log is a week old." }],
                Justification = "Only the two items the social worker needs to decide on a strategy discussion are shared.",
            },
            Consent = new ConsentAnswers { ConsentStatusId = "not-sought", ReasonIds = ["increase-risk"], InformedId = "after" },
            Advice = new AdviceAnswers { AdviceId = "internal", AdviserRole = "Designated Safeguarding Lead", PersonIdentified = false, AdviceSummary = "Share with social care today.", DeadlineId = "within-24-hours" },
        };
        return new RequestSubmission
        {
            DraftId = "draft-42",
            Requester = new DialogActor("aaaaaaaa-0000-0000-0000-000000000001", "Paula Practitioner"),
            PolicyVersion = Policy.Version,
            DialogVersion = 1,
            CreatedAtUtc = SubmittedAt.AddMinutes(-25),
            SubmittedAtUtc = SubmittedAt,
            ImmediateDanger = false,
            About = answers.About,
            What = answers.What,
            WithWhom = answers.WithWhom,
            Why = answers.Why,
            LegalBasis = answers.LegalBasis,
            Necessity = answers.Necessity,
            Consent = answers.Consent,
            Advice = answers.Advice,
            SpecialCategoryIds = ["emotional-mental-health"],
            CriminalOffenceCategoryIds = ["offending-history"],
            Routing = CrossChecks.Routing(answers, Policy),
            DeadlineId = "within-24-hours",
            DueByUtc = SubmittedAt.AddHours(24),
            Warnings = ReviewBuilder.Warnings(answers, Policy, []),
            DeclarationAccepted = true,
        };
    }

    private static ApprovalCardModel Model() => ApprovalRecords.WithInPartChoices(new ApprovalCardModel
    {
        RequestId = RequestId,
        Summary = SubmissionRecord.Summary(Submission(), Policy, "ISR-2026-0042"),
        Status = RequestStatus.Pending,
        History = [],
        DeclineReasons = Policy.Lists.DeclineReasons,
        RefreshUserIds = ["29:approver-1"],
        ReassignChoices = ReassignChoices,
    }, Submission(), Policy);

    /// <summary>The same request, approved in part (§7.1): offending history and "other" left out.</summary>
    internal static JsonObject ApprovedInPartCard() => ApprovalCards.Channel(Model() with
    {
        Status = RequestStatus.Approved,
        DecidedBy = "Arnold Approver",
        DecidedAtUtc = SubmittedAt.UtcDateTime.AddHours(1),
        History = [new ApprovalActionView("Arnold Approver", RecordActionKinds.Title(RecordActionKinds.ApprovedInPart), SubmittedAt.UtcDateTime.AddHours(1), null, null)],
        Summary = Model().Summary with
        {
            InPart = new InPartSummary
            {
                CategoryIds = ["emotional-mental-health"], RecipientTypeIds = ["other"], LeftOutCategoryIds = ["offending-history", "other"], LeftOutRecipientTypeIds = [],
                Categories = ["Emotional and mental health"], Recipients = ["Other organisation"], LeftOutCategories = ["Offending history (including allegations)", "Other (describe it below)"], LeftOutRecipients = [],
            },
        },
    });

    [Fact]
    public void ApprovedInPartCard_MatchesItsGoldenFile() => Golden.AssertMatches("approval-approved-in-part.json", ApprovedInPartCard().ToJsonString(Indented) + "\n");

    [Fact]
    public void PendingCard_OffersApproveInPart_EveryCategoryAndRecipientTickedByDefault()
    {
        var show = ChannelCard().DescendantObjects().Single(o => o["type"]?.GetValue<string>() == "Action.ShowCard" && o["title"]?.GetValue<string>() == "Approve in part");
        var inputs = show.DescendantObjects().ToList();
        var categories = inputs.Single(o => o["id"]?.GetValue<string>() == ApprovalRules.InPartCategories);
        Assert.True(categories["isMultiSelect"]!.GetValue<bool>());
        Assert.Equal("emotional-mental-health,offending-history,other", categories["value"]!.GetValue<string>());
        Assert.Equal("other", inputs.Single(o => o["id"]?.GetValue<string>() == ApprovalRules.InPartRecipients)["value"]!.GetValue<string>());
        Assert.True(inputs.Single(o => o["id"]?.GetValue<string>() == ApprovalRules.InPartNote)["isRequired"]!.GetValue<bool>());
        Assert.Contains(inputs, o => o["verb"]?.GetValue<string>() == ApprovalVerbs.ApproveInPart);
    }

    /// <summary>Whom a DPO request may be handed to (as ApprovalRecords.ReassignChoices gives them).</summary>
    internal static readonly IReadOnlyList<ChoiceItem> ReassignChoices =
    [
        new() { Id = "role:Dpo", Title = "The Data Protection Officer" },
        new() { Id = "person:aaaaaaaa-0000-0000-0000-000000000005", Title = "Dev Deputy" },
        new() { Id = "person:aaaaaaaa-0000-0000-0000-000000000003", Title = "Colin Cover (covering for Dana DPO)" },
    ];

    internal static JsonObject ChannelCard() => ApprovalCards.Channel(Model());

    internal static JsonObject DetailCard() => ApprovalCards.Detail(Model(), SubmissionRecord.Detail(Submission(), Policy));

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void ApprovalCard_MatchesItsGoldenFile() => Golden.AssertMatches("approval-card.json", ChannelCard().ToJsonString(Indented) + "\n");

    [Fact]
    public void ApprovalDetailView_MatchesItsGoldenFile() => Golden.AssertMatches("approval-detail.json", DetailCard().ToJsonString(Indented) + "\n");

    public static TheoryData<string> Cards => ["channel", "detail", "approved-in-part"];

    [Theory]
    [MemberData(nameof(Cards))]
    public void EveryTextAndFact_HoldsNoPolicyIdAndNoJson(string which)
    {
        var card = which switch { "channel" => ChannelCard(), "approved-in-part" => ApprovedInPartCard(), _ => DetailCard() };
        var texts = Texts(card).ToList();
        Assert.NotEmpty(texts);

        var ids = RawIds().ToList();
        foreach (var text in texts)
        {
            Assert.DoesNotContain("{", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"checkId\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"met\"", text, StringComparison.Ordinal);
            foreach (var id in ids)
            {
                Assert.False(Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(id)}(?![\w-])", RegexOptions.CultureInvariant),
                    $"the {which} card shows the raw id '{id}' in: {text}");
            }
        }
    }

    [Fact]
    public void ApprovalCard_SaysWhoItIsAboutWhoIsAtRiskAndWhetherItWasReceived()
    {
        var facts = Facts(ChannelCard());

        Assert.Equal("A parent or carer", facts["Information about"]);
        Assert.Equal("A child (under 18)", facts["Who is at risk"]);
        Assert.Equal("We received a request for information", facts["Request"]);
        Assert.Equal(Policy.Lists.StatutoryFunctions.Single(f => f.Id == "children-act-2004-s16h").Title, facts["Statutory function"]);
    }

    [Fact]
    public void ApprovalCard_SaysWhatSpecialCategoryAndOffenceContentThePractitionerDeclared()
    {
        // Asked directly at step 2 (revision 2), not inferred from the category list: the approver reads the answer.
        var facts = Facts(ChannelCard());

        Assert.Equal(Policy.Lists.SpecialCategoryContent.Single(c => c.Id == "health").Title, facts["Special category content"]);
        Assert.Equal("Yes", facts["Criminal offence information"]);
    }

    [Fact]
    public void ApprovalCard_DpoWarning_ReadsThePolicysSentencesNotTheRoutingCodes()
    {
        var warning = Assert.Single(Texts(ChannelCard()), t => t.Contains("Data Protection Officer must also decide", StringComparison.Ordinal));

        Assert.Contains(Policy.Lists.DataCategories.Single(c => c.Id == "other").DpoReason, warning, StringComparison.Ordinal);
        Assert.Contains(Policy.Lists.RecipientTypes.Single(r => r.Id == "other").DpoReason, warning, StringComparison.Ordinal);
        Assert.Contains(Policy.Lists.AgreementStatuses.Single(a => a.Id == "not-sure").DpoReason, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void ApprovalCard_ExplainsEachChosenConditionInThePolicysOwnSentence()
    {
        var texts = Texts(ChannelCard()).ToList();

        Assert.Contains(Policy.Lists.Article9Conditions.Single(c => c.Id == "sch1-para18").Explanation, texts);
        Assert.Contains(Policy.Lists.CriminalOffenceConditions.Single(c => c.Id == "co-official-authority").Explanation, texts);
    }

    [Theory]
    [InlineData("sch1-para6", "Paragraph 6")]
    [InlineData("sch1-para10", "Paragraph 10")]
    [InlineData("sch1-para18", "Paragraph 18")]
    public void ShippedPolicy_ExplainsEachScheduleOneParagraphInOneSentence(string id, string starts)
    {
        var explanation = Policy.Lists.Article9Conditions.Single(c => c.Id == id).Explanation;

        Assert.StartsWith(starts, explanation, StringComparison.Ordinal);
        Assert.Single(explanation.Split(". ", StringSplitOptions.None));
        Assert.EndsWith(".", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ApprovalCard_LegalObligationFunctionWithPublicTask_IsPointedOut()
    {
        var texts = Texts(ChannelCard()).ToList();
        var obligation = Policy.Lists.Article6Bases.Single(b => b.Id == "legal-obligation").Title;

        Assert.Contains(texts, t => t.Contains("normally goes with", StringComparison.Ordinal) && t.Contains(obligation, StringComparison.Ordinal));
    }

    [Fact]
    public void DetailView_NecessityChecks_ReadAsYesOrNoWithTheExplanation()
    {
        var facts = Facts(DetailCard());

        Assert.Equal("Yes", facts[Policy.Lists.NecessityChecks.Single(c => c.Id == "necessary").Title]);
        Assert.Equal("No: The callout log is a week old.", facts[Policy.Lists.NecessityChecks.Single(c => c.Id == "accurate").Title]);
    }

    [Fact]
    public void DetailView_ACheckStep6NoLongerAsks_StillReadsByItsTitle()
    {
        // A request made before revision 2 answered "only the minimum" at step 6; the check is retired, not deleted.
        var old = Submission();
        old = old with { Necessity = old.Necessity with { Checks = [.. old.Necessity.Checks, new NecessityCheckAnswer { CheckId = "minimum", Met = true }] } };

        var facts = Facts(ApprovalCards.Detail(Model(), SubmissionRecord.Detail(old, Policy)));

        Assert.Equal("Yes", facts["Only the minimum information needed will be shared"]);
        Assert.DoesNotContain("minimum", facts.Keys);
    }

    [Fact]
    public void DeclineReasons_AreThePolicysList()
    {
        var custom = Policy with
        {
            Lists = Policy.Lists with { DeclineReasons = [new ChoiceItem { Id = "wrong-recipient", Title = "The recipient is not the right agency" }] },
        };
        var model = Model() with { DeclineReasons = custom.Lists.DeclineReasons };

        var choices = ApprovalCards.Channel(model).DescendantObjects().Single(o => o["id"]?.GetValue<string>() == "declineReasonCode")["choices"]!.AsArray();
        Assert.Equal([("wrong-recipient", "The recipient is not the right agency")], choices.Select(c => (c!["value"]!.GetValue<string>(), c["title"]!.GetValue<string>())));

        JsonObject Data(string code) => new() { ["requestId"] = RequestId.ToString(), ["declineReasonCode"] = code, ["declineReason"] = "The local authority is the agency that needs to hear this." };
        Assert.True(ApprovalRules.Parse(ApprovalVerbs.Decline, Data("wrong-recipient"), false, 30, custom.Lists.DeclineReasons).IsValid);
        var shipped = ApprovalRules.Parse(ApprovalVerbs.Decline, Data("not-necessary"), false, 30, custom.Lists.DeclineReasons);
        Assert.True(shipped.FieldErrors.ContainsKey("declineReasonCode"));
    }

    [Fact]
    public void PolicyWithoutDeclineReasons_IsRefused()
    {
        var root = JsonNode.Parse(File.ReadAllText(PolicyLoader.DefaultPath))!.AsObject();
        root["lists"]!.AsObject().Remove("declineReasons");

        var result = PolicyLoader.Parse(root.ToJsonString());

        Assert.Contains("lists.declineReasons is missing or empty.", result.Errors);
    }

    [Fact]
    public void RecordMadeUnderAnOlderPolicy_StillReads()
    {
        // The summary a 2026.12.1 request stored: conditions inside the legal basis, no direction, subject or at-risk.
        const string stored = """
            {"reference":"ISR-2026-0007","caseReference":"CS-000777","matterType":"Safeguarding a child","urgency":"Routine (no fixed deadline)",
             "requesterName":"Paula Practitioner","categories":[{"title":"Living arrangements","specialCategory":false,"criminalOffence":false}],
             "recipientType":"Local authority children's social care (including MASH)","purposes":["Child protection referral"],
             "legalBasis":"Public task, Article 6(1)(e), with DPA 2018 section 8","consentStatus":"Consent not sought","warnings":[],
             "requiresDpo":false,"requiresPreventLead":false,"policyVersion":"2026.12.1"}
            """;
        var summary = JsonSerializer.Deserialize(stored, ApprovalsJsonContext.Default.ApprovalSummary)!;

        var facts = Facts(ApprovalCards.Channel(Model() with { Summary = summary }));

        Assert.Equal("2026.12.1", facts["Policy version"]);
        Assert.Equal("Public task, Article 6(1)(e), with DPA 2018 section 8", facts["Lawful basis"]);
        Assert.False(facts.ContainsKey("Who is at risk"));
        Assert.Equal("Care Act 2014 (no section given)", Policy.Lists.StatutoryFunctions.Single(f => f.Id == "care-act-2014").Title); // a retired id keeps its title
    }

    /// <summary>Every id of the policy's lists that cannot pass for a word (a hyphen or a digit), and the routing codes.</summary>
    private static IEnumerable<string> RawIds()
    {
        var l = Policy.Lists;
        IEnumerable<string> all =
        [
            .. l.MatterTypes.Select(i => i.Id), .. l.Directions.Select(i => i.Id), .. l.SubjectTypes.Select(i => i.Id), .. l.AtRiskTypes.Select(i => i.Id),
            .. l.DataCategories.Select(i => i.Id), .. l.RecipientTypes.Select(i => i.Id), .. l.AgreementStatuses.Select(i => i.Id),
            .. l.SecureMethods.Select(i => i.Id), .. l.Purposes.Select(i => i.Id), .. l.MinimisationOptions.Select(i => i.Id),
            .. l.Article6Bases.Select(i => i.Id), .. l.StatutoryFunctions.Select(i => i.Id), .. l.Article9Conditions.Select(i => i.Id),
            .. l.CriminalOffenceConditions.Select(i => i.Id), .. l.NecessityChecks.Select(i => i.Id), .. l.ConsentStatuses.Select(i => i.Id),
            .. l.ConsentExceptionReasons.Select(i => i.Id), .. l.InformedOptions.Select(i => i.Id), .. l.AdviceOptions.Select(i => i.Id),
            .. l.Deadlines.Select(i => i.Id), .. l.DeclineReasons.Select(i => i.Id),
        ];
        return all.Where(id => id.Contains('-', StringComparison.Ordinal) || id.Any(char.IsDigit))
            .Concat([CrossChecks.DpoReasonOtherCategory, CrossChecks.DpoReasonOtherOrganisation, CrossChecks.DpoReasonNoAgreement])
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>The text of every TextBlock and every FactSet title and value.</summary>
    private static IEnumerable<string> Texts(JsonObject card)
    {
        foreach (var o in card.DescendantObjects())
        {
            switch (o["type"]?.GetValue<string>())
            {
                case "TextBlock":
                    yield return o["text"]!.GetValue<string>();
                    break;
                case "FactSet":
                    foreach (var fact in o["facts"]!.AsArray())
                    {
                        yield return fact!["title"]!.GetValue<string>();
                        yield return fact["value"]!.GetValue<string>();
                    }

                    break;
            }
        }
    }

    private static Dictionary<string, string> Facts(JsonObject card) =>
        card.DescendantObjects().Where(o => o["type"]?.GetValue<string>() == "FactSet")
            .SelectMany(o => o["facts"]!.AsArray())
            .GroupBy(f => f!["title"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.First()!["value"]!.GetValue<string>(), StringComparer.Ordinal);
}
