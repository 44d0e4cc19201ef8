using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using static InfoSharing.Bot.Tests.Dialog.DialogTestKit;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tests.Dialog;

/// <summary>Every server-side check of §3 and cross-checks 1-6 of §4.4, table-driven through the engine.</summary>
public sealed class StepChecksTests
{
    private static DialogResult SubmitAt(DialogStep step, Action<Dictionary<string, string>> change,
        Func<DialogStep, Dictionary<string, string>, Dictionary<string, string>>? earlier = null, DialogContext? context = null)
    {
        var current = AnswerUntil(step, earlier, context);
        return Submit(current, Sample(step, change), context);
    }

    private static void AssertError(DialogResult result, DialogStep step, string field, string? expected)
    {
        Assert.Equal(step, result.State!.Step);
        var error = ErrorText(result, field);
        Assert.NotNull(error);
        if (expected is not null)
        {
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }
    }

    private static void AssertAccepted(DialogResult result, DialogStep step) =>
        Assert.True(result.State!.Step != step, $"Step {step} was not accepted: {ErrorsOf(result)}");

    [Theory]
    [InlineData("CS-123456", true)]
    [InlineData("CS123", true)]
    [InlineData("ABCDE-1234567890", true)]
    [InlineData("cs-123456", false)]
    [InlineData("12345", false)]
    [InlineData("C-123456", false)]
    [InlineData("CS-12", false)]
    [InlineData("CS-12345678901", false)]
    public void About_CaseReference_MustMatchTheConfiguredPattern(string reference, bool valid)
    {
        var result = SubmitAt(DialogStep.About, v => v[FieldIds.CaseReference] = reference);

        if (valid)
        {
            AssertAccepted(result, DialogStep.About);
            Assert.Equal(reference, result.State!.Answers.About!.CaseReference);
        }
        else
        {
            AssertError(result, DialogStep.About, FieldIds.CaseReference, "not a valid case reference");
        }
    }

    [Theory]
    [InlineData("Jane Smith", "a first and last name")]
    [InlineData("SW1A 1AA", "a UK postcode")]
    [InlineData("12/03/2012", "a date")]
    [InlineData("943 476 5919", "NHS number")]
    [InlineData("A123456789012", "unique pupil number")]
    public void About_CaseReferenceThatLooksLikeAnIdentifier_IsRefusedWithAnExplanation(string reference, string expected)
    {
        var first = SubmitAt(DialogStep.About, v => v[FieldIds.CaseReference] = reference);

        AssertError(first, DialogStep.About, FieldIds.CaseReference, expected);
        var second = Submit(first, Sample(DialogStep.About, v => { v[FieldIds.CaseReference] = reference; v[FieldIds.CaseReference + "_noIdConfirmed"] = "true"; }));
        AssertError(second, DialogStep.About, FieldIds.CaseReference, expected);
    }

    [Theory]
    [InlineData(FieldIds.MatterType, "unknown-matter")]
    [InlineData(FieldIds.SubjectType, "")]
    [InlineData(FieldIds.Direction, "sideways")]
    public void About_ChoicesOutsideTheList_AreRefused(string field, string value)
    {
        var result = SubmitAt(DialogStep.About, v => v[field] = value);

        AssertError(result, DialogStep.About, field, null);
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public void What_ItemsDescription_Is30To1000Characters(int length, bool valid)
    {
        var result = SubmitAt(DialogStep.What, v => v[FieldIds.ItemsDescription] = new string('a', length));

        if (valid)
        {
            AssertAccepted(result, DialogStep.What);
        }
        else
        {
            AssertError(result, DialogStep.What, FieldIds.ItemsDescription, "characters");
        }
    }

    [Fact]
    public void What_NoCategory_IsRefused()
    {
        var result = SubmitAt(DialogStep.What, v => v[FieldIds.Categories] = "");

        AssertError(result, DialogStep.What, FieldIds.Categories, "at least one");
    }

    [Fact]
    public void What_OtherCategoryWithoutDescription_IsRefused()
    {
        var result = SubmitAt(DialogStep.What, v => v.Remove(FieldIds.OtherCategoryDetail));

        AssertError(result, DialogStep.What, FieldIds.OtherCategoryDetail, "Other");
    }

    [Fact]
    public void What_IdentifiesOthersWithoutProtection_IsRefused_AndNoKeepsNothing()
    {
        var refused = SubmitAt(DialogStep.What, v => v.Remove(FieldIds.OthersProtection));
        AssertError(refused, DialogStep.What, FieldIds.OthersProtection, "protected");

        var no = SubmitAt(DialogStep.What, v => v[FieldIds.IdentifiesOthers] = "no");
        AssertAccepted(no, DialogStep.What);
        Assert.Null(no.State!.Answers.What!.OthersProtection);
    }

    [Fact]
    public void What_AsksDirectlyForTheArticle9KindsInPlainWords_AndArticle10Content()
    {
        var what = AnswerUntil(DialogStep.What);

        var inputs = ElementsById(Card(what));
        var question = inputs[FieldIds.SpecialCategoryContent];
        Assert.Equal(PolicyDoc.Texts.SpecialCategory.Question, question["label"]!.GetValue<string>());
        Assert.True(question["isMultiSelect"]!.GetValue<bool>());
        var titles = string.Join(" | ", question["choices"]!.AsArray().Select(c => c!["title"]!.GetValue<string>())).ToLowerInvariant();
        foreach (var plain in new[] { "racial or ethnic origin", "political opinions", "religious or philosophical beliefs", "trade union membership",
            "genetic data", "biometric data", "health", "sex life or sexual orientation", "none of these" })
        {
            Assert.Contains(plain, titles, StringComparison.Ordinal);
        }

        Assert.Equal(PolicyDoc.Texts.SpecialCategory.CriminalOffenceQuestion, inputs[FieldIds.CriminalOffenceContent]["label"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string, string?, string[]> DirectQuestions => new()
    {
        // categories, "does any of it reveal", Article 10 content, the field with an error (null = accepted), content kept
        { "living-arrangements", "none", "no", null, [] },
        { "living-arrangements", "", "no", FieldIds.SpecialCategoryContent, [] },
        { "ethnicity", "none", "no", FieldIds.SpecialCategoryContent, [] },
        { "ethnicity", "", "no", null, ["racial-ethnic-origin"] },
        { "ethnicity", "health", "no", null, ["racial-ethnic-origin", "health"] },
        { "family-relationships", "none,health", "no", FieldIds.SpecialCategoryContent, [] },
        { "offending-history", "none", "no", FieldIds.CriminalOffenceContent, [] },
        { "living-arrangements", "none", "", FieldIds.CriminalOffenceContent, [] },
    };

    [Theory]
    [MemberData(nameof(DirectQuestions))]
    public void What_CategoriesPreTickTheContentQuestions_WhichCanBeAddedToButNotCleared(string categories, string content, string offence, string? errorField, string[] kept)
    {
        var result = SubmitAt(DialogStep.What, v =>
        {
            v[FieldIds.Categories] = categories;
            v[FieldIds.SpecialCategoryContent] = content;
            v[FieldIds.CriminalOffenceContent] = offence;
        });

        if (errorField is null)
        {
            AssertAccepted(result, DialogStep.What);
            Assert.Equal(kept, result.State!.Answers.What!.SpecialCategoryContentIds);
        }
        else
        {
            AssertError(result, DialogStep.What, errorField, null);
        }
    }

    [Fact]
    public void What_EditedFromTheReview_ShowsThePreTickedContent()
    {
        var review = AnswerUntil(DialogStep.Review, (step, v) =>
        {
            if (step == DialogStep.What)
            {
                v[FieldIds.Categories] = "ethnicity,offending-history";
                v[FieldIds.SpecialCategoryContent] = "";
                v[FieldIds.CriminalOffenceContent] = "";
            }

            return v;
        });

        var edit = Press(review, CardData.Edit, change: d => d[CardData.Section] = (int)DialogStep.What);

        Assert.Equal("racial-ethnic-origin", InputValue(edit, FieldIds.SpecialCategoryContent));
        Assert.Equal("yes", InputValue(edit, FieldIds.CriminalOffenceContent));
    }

    [Fact]
    public void WithWhom_PlainExternalEmail_IsNeitherOfferedNorAccepted()
    {
        var result = SubmitAt(DialogStep.WithWhom, v => v[FieldIds.SecureMethod] = "plain-external-email");

        AssertError(result, DialogStep.WithWhom, FieldIds.SecureMethod, "not available");
    }

    [Theory]
    [InlineData("secure-email")]
    [InlineData("secure-portal")]
    [InlineData("encrypted-transfer")]
    [InlineData("phone-verified")]
    [InlineData("in-person")]
    public void WithWhom_SecureMethods_AreAccepted(string method)
    {
        AssertAccepted(SubmitAt(DialogStep.WithWhom, v => v[FieldIds.SecureMethod] = method), DialogStep.WithWhom);
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    [InlineData(800, true)]
    [InlineData(801, false)]
    public void Why_ExpectedOutcome_Is30To800Characters(int length, bool valid)
    {
        var result = SubmitAt(DialogStep.Why, v => v[FieldIds.ExpectedOutcome] = new string('a', length));

        if (valid)
        {
            AssertAccepted(result, DialogStep.Why);
        }
        else
        {
            AssertError(result, DialogStep.Why, FieldIds.ExpectedOutcome, "characters");
        }
    }

    [Fact]
    public void Why_OtherPurposeWithoutDetail_IsRefused()
    {
        var result = SubmitAt(DialogStep.Why, v => v[FieldIds.Purposes] = "other");

        AssertError(result, DialogStep.Why, FieldIds.OtherPurposeDetail, "Other");
    }

    public static TheoryData<string, string, string, bool, string> CategoryConditions => new()
    {
        // categories, "does any of it reveal" (blank: left to the categories), Article 10 content (blank: not answered),
        // Article 9 input shown and required, criminal input ("required" or "hidden")
        { "living-arrangements", "none", "no", false, "hidden" },
        { "ethnicity", "", "no", true, "hidden" },
        { "offending-history", "none", "", false, "required" },
        { "attitudes-to-engagement", "", "no", true, "hidden" },
        { "substance-misuse,offending-history", "", "", true, "required" },
        { "other", "health", "no", true, "hidden" },
        { "other", "none", "no", false, "hidden" },
        { "family-relationships", "sex-life-orientation", "no", true, "hidden" },
        { "perceptions-of-self,thinking-behaviour", "religious-philosophical-beliefs,political-opinions", "no", true, "hidden" },
        { "thinking-behaviour", "none", "yes", false, "required" },
        { "lifestyle", "genetic,biometric,trade-union-membership", "yes", true, "required" },
    };

    /// <summary>
    /// Cross-check 1 of §4.4 (revision 2): special category and criminal offence content is asked directly at step 2; the
    /// categories only pre-tick it. "Other" with health content needs an Article 9 condition.
    /// </summary>
    [Theory]
    [MemberData(nameof(CategoryConditions))]
    public void LegalBasis_ConditionInputs_AreShownOnlyWhenStep2FoundTheContent(string categories, string content, string offence, bool article9, string criminal)
    {
        var legal = AnswerUntil(DialogStep.LegalBasis, (step, v) =>
        {
            if (step == DialogStep.What)
            {
                v[FieldIds.Categories] = categories;
                v[FieldIds.SpecialCategoryContent] = content;
                v[FieldIds.CriminalOffenceContent] = offence;
            }

            return v;
        });

        Assert.Equal(article9, HasInput(legal, FieldIds.Article9Condition));
        Assert.Equal(criminal != "hidden", HasInput(legal, FieldIds.CriminalOffenceCondition));
        var empty = Submit(legal, new Dictionary<string, string> { [FieldIds.Article6Basis] = "public-task", [FieldIds.StatutoryFunction] = "children-act-2004-s11" });
        Assert.Equal(article9, ErrorText(empty, FieldIds.Article9Condition) is not null);
        Assert.Equal(criminal == "required", ErrorText(empty, FieldIds.CriminalOffenceCondition) is not null);
        if (!article9 && criminal != "required")
        {
            AssertAccepted(empty, DialogStep.LegalBasis);
        }
    }

    [Fact]
    public void LegalBasis_SpecialCategoryWithoutArticle9_SaysWhy()
    {
        var result = SubmitAt(DialogStep.LegalBasis, v => v.Remove(FieldIds.Article9Condition));

        AssertError(result, DialogStep.LegalBasis, FieldIds.Article9Condition, "special category data (physical or mental health");
    }

    [Fact]
    public void LegalBasis_OffendingHistoryWithoutCriminalCondition_SaysWhy()
    {
        var result = SubmitAt(DialogStep.LegalBasis, v => v.Remove(FieldIds.CriminalOffenceCondition));

        AssertError(result, DialogStep.LegalBasis, FieldIds.CriminalOffenceCondition, "allegations, offences, convictions or proceedings");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void LegalBasis_LegitimateInterests_HiddenForAPublicAuthority(bool publicAuthority, bool offered)
    {
        var policy = PolicyDoc with { Organisation = PolicyDoc.Organisation with { IsPublicAuthority = publicAuthority } };
        var context = Context(policy);
        var legal = AnswerUntil(DialogStep.LegalBasis, context: context);

        var json = Card(legal).ToJsonString();
        Assert.Equal(offered, json.Contains("6(1)(f)", StringComparison.Ordinal));
        Assert.Equal(offered, json.Contains("6(1)(ea)", StringComparison.Ordinal));
        var result = Submit(legal, Sample(DialogStep.LegalBasis, v => v[FieldIds.Article6Basis] = "legitimate-interests"), context);
        if (offered)
        {
            AssertAccepted(result, DialogStep.LegalBasis);
        }
        else
        {
            AssertError(result, DialogStep.LegalBasis, FieldIds.Article6Basis, "not available");
        }
    }

    [Fact]
    public void LegalBasis_DefaultsToPublicTask()
    {
        var legal = AnswerUntil(DialogStep.LegalBasis);

        Assert.Equal("public-task", InputValue(legal, FieldIds.Article6Basis));
    }

    [Theory]
    [InlineData("public-task", false)]
    [InlineData("legal-obligation", false)]
    [InlineData("vital-interests", true)]
    public void LegalBasis_StatutoryFunction_RequiredForPublicTaskAndLegalObligation(string basis, bool acceptedWithout)
    {
        var result = SubmitAt(DialogStep.LegalBasis, v => { v[FieldIds.Article6Basis] = basis; v.Remove(FieldIds.StatutoryFunction); });

        if (acceptedWithout)
        {
            AssertAccepted(result, DialogStep.LegalBasis);
        }
        else
        {
            AssertError(result, DialogStep.LegalBasis, FieldIds.StatutoryFunction, "statutory function");
        }
    }

    [Fact]
    public void LegalBasis_OtherStatutoryFunctionWithoutDetail_IsRefused()
    {
        var result = SubmitAt(DialogStep.LegalBasis, v => v[FieldIds.StatutoryFunction] = "other");

        AssertError(result, DialogStep.LegalBasis, FieldIds.StatutoryFunction + "Detail", "which function");
    }

    /// <summary>
    /// Cross-check 2 of §4.4 (revision 2): paragraph 18 is tested on the person at risk, not on who the information is
    /// about. Sharing a parent's or an alleged perpetrator's information to protect a child is the common lawful case.
    /// </summary>
    [Theory]
    [InlineData("child", "child", true)]
    [InlineData("parent-carer", "child", true)]
    [InlineData("alleged-perpetrator", "child", true)]
    [InlineData("family-member", "adult-at-risk", true)]
    [InlineData("adult-not-at-risk", "adult-at-risk", true)]
    [InlineData("third-party", "child,none-identified", true)]
    [InlineData("adult-not-at-risk", "none-identified", false)]
    [InlineData("child", "none-identified", false)]
    public void LegalBasis_Para18_IsTestedOnThePersonAtRisk(string subject, string atRisk, bool valid)
    {
        var result = SubmitAt(DialogStep.LegalBasis, _ => { }, (step, v) =>
        {
            if (step == DialogStep.About)
            {
                v[FieldIds.SubjectType] = subject;
                v[FieldIds.AtRisk] = atRisk;
            }

            return v;
        });

        if (valid)
        {
            AssertAccepted(result, DialogStep.LegalBasis);
        }
        else
        {
            AssertError(result, DialogStep.LegalBasis, FieldIds.Article9Condition, "paragraph 18");
            AssertError(result, DialogStep.LegalBasis, FieldIds.CriminalOffenceCondition, "paragraph 18");
        }
    }

    public static TheoryData<bool, string, string, bool, bool> AppropriatePolicyDocument => new()
    {
        // the organisation holds an appropriate policy document, Article 9 condition, criminal condition, Article 9 refused, criminal refused
        { false, "sch1-para18", "co-sch1-para18", true, true },
        { false, "sch1-para6", "co-official-authority", true, false },
        { false, "sch1-para10", "co-sch1-para10", true, true },
        { false, "vital-interests", "co-sch1-para6", false, true },
        { false, "vital-interests", "co-vital-interests", false, false },
        { true, "sch1-para18", "co-sch1-para18", false, false },
        { true, "sch1-para6", "co-sch1-para10", false, false },
    };

    /// <summary>Cross-check 5a of §4.4: Schedule 1 Part 2 conditions (paragraphs 6, 10, 18) need an appropriate policy document.</summary>
    [Theory]
    [MemberData(nameof(AppropriatePolicyDocument))]
    public void LegalBasis_ScheduleOnePart2Conditions_NeedAnAppropriatePolicyDocument(bool held, string article9, string criminal, bool article9Refused, bool criminalRefused)
    {
        var document = PolicyDoc.Organisation.AppropriatePolicyDocument!;
        var policy = PolicyDoc with { Organisation = PolicyDoc.Organisation with { AppropriatePolicyDocument = document with { Held = held } } };
        var context = Context(policy);

        var result = SubmitAt(DialogStep.LegalBasis, v => { v[FieldIds.Article9Condition] = article9; v[FieldIds.CriminalOffenceCondition] = criminal; }, context: context);

        Assert.Equal(article9Refused, ErrorText(result, FieldIds.Article9Condition) == document.Refusal);
        Assert.Equal(criminalRefused, ErrorText(result, FieldIds.CriminalOffenceCondition) == document.Refusal);
        if (!article9Refused && !criminalRefused)
        {
            AssertAccepted(result, DialogStep.LegalBasis);
        }
        else
        {
            Assert.Contains("Data Protection Officer", document.Refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void About_WhoIsAtRisk_IsRequired_AndKeptApartFromWhoItIsAbout()
    {
        var missing = SubmitAt(DialogStep.About, v => v.Remove(FieldIds.AtRisk));
        AssertError(missing, DialogStep.About, FieldIds.AtRisk, "at risk");

        var parent = SubmitAt(DialogStep.About, v => { v[FieldIds.SubjectType] = "parent-carer"; v[FieldIds.AtRisk] = "child"; });
        AssertAccepted(parent, DialogStep.About);
        Assert.Equal(["parent-carer"], parent.State!.Answers.About!.SubjectTypeIds);
        Assert.Equal(["child"], parent.State.Answers.About.AtRiskTypeIds);
    }

    [Fact]
    public void About_WhoItIsAbout_IsAMultiSelect_RequiredAndKept()
    {
        // Domain §3 step 1: the information may be about the child and a parent at once (a parent's drinking, the child's injuries).
        Assert.Equal("Input.ChoiceSet", ElementsById(Card(AnswerUntil(DialogStep.About)))[FieldIds.SubjectType]["type"]!.GetValue<string>());
        Assert.True(ElementsById(Card(AnswerUntil(DialogStep.About)))[FieldIds.SubjectType]["isMultiSelect"]!.GetValue<bool>());
        var missing = SubmitAt(DialogStep.About, v => v.Remove(FieldIds.SubjectType));
        AssertError(missing, DialogStep.About, FieldIds.SubjectType, "about");

        var both = SubmitAt(DialogStep.About, v => { v[FieldIds.SubjectType] = "child,parent-carer"; v[FieldIds.AtRisk] = "child"; });
        AssertAccepted(both, DialogStep.About);
        Assert.Equal(["child", "parent-carer"], both.State!.Answers.About!.SubjectTypeIds);
    }

    [Fact]
    public void About_ADraftSavedWithOneSubjectType_StillReadsAsThatOne()
    {
        var old = new AboutAnswers { MatterTypeId = "prevent", DirectionId = "proposed", CaseReference = "CS-1", SubjectTypeId = "child" };

        Assert.Equal(["child"], old.AllSubjectTypeIds);
        Assert.Equal(old with { SubjectTypeId = null, SubjectTypeIds = ["child"] }, old);
    }

    [Fact]
    public void Necessity_NoWithoutExplanation_IsRefused_AndWithExplanationAccepted()
    {
        var check = FieldIds.NecessityCheck("accurate");
        var refused = SubmitAt(DialogStep.Necessity, v => v[check] = "no");
        AssertError(refused, DialogStep.Necessity, FieldIds.NecessityExplanation("accurate"), "You answered No");

        var accepted = SubmitAt(DialogStep.Necessity, v => { v[check] = "no"; v[FieldIds.NecessityExplanation("accurate")] = "The chronology stops in March; that is said when it is shared."; });
        AssertAccepted(accepted, DialogStep.Necessity);
        var answer = accepted.State!.Answers.Necessity!.Checks.Single(c => c.CheckId == "accurate");
        Assert.False(answer.Met);
        Assert.NotNull(answer.Explanation);
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(800, true)]
    [InlineData(801, false)]
    public void Necessity_Justification_Is50To800Characters(int length, bool valid)
    {
        var result = SubmitAt(DialogStep.Necessity, v => v[FieldIds.Justification] = new string('j', length));

        if (valid)
        {
            AssertAccepted(result, DialogStep.Necessity);
        }
        else
        {
            AssertError(result, DialogStep.Necessity, FieldIds.Justification, "characters");
        }
    }

    private static Dictionary<string, string> Para(DialogStep step, Dictionary<string, string> v, string? article9, string? criminal, string basis = "public-task")
    {
        if (step == DialogStep.LegalBasis)
        {
            v[FieldIds.Article6Basis] = basis;
            if (article9 is null)
            {
                v.Remove(FieldIds.Article9Condition);
            }
            else
            {
                v[FieldIds.Article9Condition] = article9;
            }

            if (criminal is null)
            {
                v.Remove(FieldIds.CriminalOffenceCondition);
            }
            else
            {
                v[FieldIds.CriminalOffenceCondition] = criminal;
            }
        }

        return v;
    }

    public static TheoryData<string, string, string, string?> ConsentCrossChecks => new()
    {
        // Article 6 basis, Article 9 / criminal conditions, why consent is not relied on, the field with an error (null = accepted)
        { "public-task", "sch1-para18|co-sch1-para18", "cannot-consent", null },
        { "public-task", "sch1-para18|co-sch1-para18", "cannot-reasonably-obtain", null },
        { "public-task", "sch1-para18|co-sch1-para18", "increase-risk", null },
        { "public-task", "sch1-para18|co-sch1-para18", "risk-to-others", FieldIds.ConsentReasons },
        { "public-task", "sch1-para18|co-sch1-para18", "not-the-basis,legal-requirement", FieldIds.ConsentReasons },
        { "public-task", "sch1-para18|co-sch1-para18", "", FieldIds.ConsentReasons },
        { "public-task", "sch1-para10|co-sch1-para10", "prejudice-crime", null },
        { "public-task", "sch1-para10|co-sch1-para10", "increase-risk", FieldIds.ConsentReasons },
        { "public-task", "sch1-para10|co-sch1-para10", "", FieldIds.ConsentReasons },
        { "public-task", "sch1-para6|co-sch1-para6", "", null },
        { "legal-obligation", "sch1-para6|co-official-authority", "", null },
        { "consent", "sch1-para18|co-sch1-para18", "cannot-consent", FieldIds.ConsentStatus },
    };

    /// <summary>§3 step 7 and cross-checks 2, 3 and 4 of §4.4: the consent question is asked only where the basis makes it matter.</summary>
    [Theory]
    [MemberData(nameof(ConsentCrossChecks))]
    public void Consent_ScheduleOneParagraphs_NeedTheirConsentReasons(string basis, string conditions, string reasons, string? errorField)
    {
        var parts = conditions.Split('|');
        var consent = AnswerUntil(DialogStep.Consent, (step, v) => Para(step, v, parts[0], parts[1], basis));
        var result = Submit(consent, Sample(DialogStep.Consent, v =>
        {
            v[FieldIds.ConsentReasons] = reasons;
            v[FieldIds.ConsentStatus] = "given";
            v[FieldIds.ConsentGivenBy] = "the young person";
            v[FieldIds.ConsentHow] = "verbally at a meeting";
            v[FieldIds.ConsentGivenOn] = "2026-11-10";
        }));

        var para10Or18 = parts[0] is "sch1-para18" or "sch1-para10";
        Assert.Equal(para10Or18, HasInput(consent, FieldIds.ConsentReasons));
        Assert.Equal(basis == "consent", HasInput(consent, FieldIds.ConsentStatus));
        if (errorField is null)
        {
            AssertAccepted(result, DialogStep.Consent);
            Assert.Equal(para10Or18 ? reasons.Split(',') : [], result.State!.Answers.Consent!.ReasonIds);
        }
        else
        {
            AssertError(result, DialogStep.Consent, errorField, null);
        }
    }

    /// <summary>
    /// Issue 16, defect 5: with public task (and no paragraph 10 or 18) no one is asked to justify "sharing without consent";
    /// openness is asked on its own, and "will not be told, it would increase the risk" is enough.
    /// </summary>
    [Theory]
    [InlineData("public-task", "children-act-2004-s11")]
    [InlineData("legal-obligation", "court-order")]
    public void Consent_PublicTaskNotToldBecauseItWouldIncreaseTheRisk_AsksNoConsentJustification(string basis, string function)
    {
        var consent = AnswerUntil(DialogStep.Consent, (step, v) =>
        {
            if (step == DialogStep.LegalBasis)
            {
                v[FieldIds.StatutoryFunction] = function;
            }

            return Para(step, v, "sch1-para6", "co-sch1-para6", basis);
        });

        Assert.False(HasInput(consent, FieldIds.ConsentReasons));
        Assert.False(HasInput(consent, FieldIds.ConsentStatus));
        var json = Card(consent).ToJsonString();
        Assert.DoesNotContain("without consent", json, StringComparison.OrdinalIgnoreCase);
        var result = Submit(consent, new Dictionary<string, string> { [FieldIds.Informed] = "no", [FieldIds.InformedReasons] = "increase-risk" });

        AssertAccepted(result, DialogStep.Consent);
        var answers = result.State!.Answers.Consent!;
        Assert.Equal("not-relied-on", answers.ConsentStatusId);
        Assert.Empty(answers.ReasonIds);
        Assert.Equal(["increase-risk"], answers.InformedReasonIds);
        Assert.Equal(PolicyDoc.Lists.ConsentExceptionReasons.Single(r => r.Id == "increase-risk").Title, answers.InformedReason);
    }

    [Fact]
    public void GoldenRule3_DoesNotSayConsentIsNeverNeededForSomeone()
    {
        var rule = PolicyDoc.Texts.GoldenRules[2];

        Assert.DoesNotContain("someone", rule, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("a child", rule, StringComparison.Ordinal);
        Assert.Contains("adult at risk", rule, StringComparison.Ordinal);
        Assert.DoesNotContain("someone", PolicyDoc.Texts.Step(7).Intro, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("consent", null, null)]
    [InlineData("public-task", "explicit-consent", null)]
    [InlineData("public-task", null, "co-consent")]
    public void Consent_ConsentAsTheBasis_NeedsConsentGivenWithWhoHowAndWhen(string basis, string? article9, string? criminal)
    {
        Dictionary<string, string> Earlier(DialogStep step, Dictionary<string, string> v)
        {
            if (step == DialogStep.What)
            {
                v[FieldIds.Categories] = (article9 is null ? "" : "ethnicity,") + (criminal is null ? "living-arrangements" : "offending-history");
                v[FieldIds.SpecialCategoryContent] = article9 is null ? "none" : "";
                v[FieldIds.CriminalOffenceContent] = criminal is null ? "no" : "yes";
            }

            return Para(step, v, article9, criminal, basis);
        }

        var notSought = SubmitAt(DialogStep.Consent, v => v[FieldIds.ConsentStatus] = "not-sought", Earlier);
        AssertError(notSought, DialogStep.Consent, FieldIds.ConsentStatus, "consent as a legal basis");

        var givenWithoutWho = SubmitAt(DialogStep.Consent, v => v[FieldIds.ConsentStatus] = "given", Earlier);
        AssertError(givenWithoutWho, DialogStep.Consent, FieldIds.ConsentGivenBy, "who gave it");
        AssertError(givenWithoutWho, DialogStep.Consent, FieldIds.ConsentHow, "how");
        AssertError(givenWithoutWho, DialogStep.Consent, FieldIds.ConsentGivenOn, "when");

        var given = SubmitAt(DialogStep.Consent, v =>
        {
            v[FieldIds.ConsentStatus] = "given";
            v[FieldIds.ConsentGivenBy] = "the person";
            v[FieldIds.ConsentHow] = "in writing";
            v[FieldIds.ConsentGivenOn] = "2026-11-12";
        }, Earlier);
        AssertAccepted(given, DialogStep.Consent);
        Assert.Empty(given.State!.Answers.Consent!.ReasonIds);
        Assert.Equal(new DateOnly(2026, 11, 12), given.State.Answers.Consent.ConsentGivenOn);
    }

    [Fact]
    public void Consent_NotToldNeedsAReason_AndNotYetNeedsAFutureReviewDate()
    {
        var noReason = SubmitAt(DialogStep.Consent, v => v[FieldIds.Informed] = "no");
        AssertError(noReason, DialogStep.Consent, FieldIds.InformedReasons, "why");

        var noDate = SubmitAt(DialogStep.Consent, v => v[FieldIds.Informed] = "not-yet");
        AssertError(noDate, DialogStep.Consent, FieldIds.InformedReviewDate, "review");

        var today = SubmitAt(DialogStep.Consent, v => { v[FieldIds.Informed] = "not-yet"; v[FieldIds.InformedReviewDate] = "2026-11-12"; });
        AssertError(today, DialogStep.Consent, FieldIds.InformedReviewDate, "in the future");

        var tomorrow = SubmitAt(DialogStep.Consent, v => { v[FieldIds.Informed] = "not-yet"; v[FieldIds.InformedReviewDate] = "2026-11-13"; });
        AssertAccepted(tomorrow, DialogStep.Consent);
        Assert.Equal(new DateOnly(2026, 11, 13), tomorrow.State!.Answers.Consent!.InformedReviewDate);
    }

    [Fact]
    public void Consent_ChannelPurpose_ShowsTheChannelSupportConsentNote()
    {
        var withChannel = AnswerUntil(DialogStep.Consent);
        var withoutChannel = AnswerUntil(DialogStep.Consent, (step, v) =>
        {
            if (step == DialogStep.Why)
            {
                v[FieldIds.Purposes] = "child-protection-referral";
            }

            return v;
        });

        Assert.Contains(PolicyDoc.Texts.Notes.ChannelSupportConsent, Card(withChannel).ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(PolicyDoc.Texts.Notes.ChannelSupportConsent, Card(withoutChannel).ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("internal")]
    [InlineData("external")]
    public void Advice_Sought_NeedsRoleIdentifiedAndSummary(string advice)
    {
        var result = SubmitAt(DialogStep.AdviceAndDeadline, v =>
        {
            v[FieldIds.Advice] = advice;
            v.Remove(FieldIds.AdviserRole);
            v.Remove(FieldIds.AdviceIdentified);
            v.Remove(FieldIds.AdviceSummary);
        });

        AssertError(result, DialogStep.AdviceAndDeadline, FieldIds.AdviserRole, "role");
        AssertError(result, DialogStep.AdviceAndDeadline, FieldIds.AdviceIdentified, "yes or no");
        AssertError(result, DialogStep.AdviceAndDeadline, FieldIds.AdviceSummary, "summary");
    }

    [Fact]
    public void Advice_NotNeeded_KeepsNoAdviceDetails()
    {
        var result = SubmitAt(DialogStep.AdviceAndDeadline, v => v[FieldIds.Advice] = "not-needed");

        Assert.Equal(DialogStep.Review, result.State!.Step);
        Assert.Null(result.State.Answers.Advice!.AdviserRole);
        Assert.Null(result.State.Answers.Advice.AdviceSummary);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("2026-11-11", false)]
    [InlineData("2026-11-12", false)]
    [InlineData("2026-11-13", true)]
    [InlineData("not-a-date", false)]
    public void Advice_DeadlineByADate_NeedsADateInTheFuture(string? date, bool valid)
    {
        var result = SubmitAt(DialogStep.AdviceAndDeadline, v =>
        {
            v[FieldIds.Deadline] = "by-date";
            if (date is null)
            {
                v.Remove(FieldIds.DeadlineDate);
            }
            else
            {
                v[FieldIds.DeadlineDate] = date;
            }
        });

        if (valid)
        {
            Assert.Equal(DialogStep.Review, result.State!.Step);
        }
        else
        {
            AssertError(result, DialogStep.AdviceAndDeadline, FieldIds.DeadlineDate, null);
        }
    }

    [Fact]
    public void Review_ByDateDeadlineThatHasPassedSinceItWasChosen_GoesBackToStep8()
    {
        var review = AnswerUntil(DialogStep.Review);

        var later = Submit(review, new Dictionary<string, string> { [FieldIds.Declaration] = "true" }, Context(now: Now.AddDays(4)));

        Assert.Empty(later.Effects);
        Assert.Equal(DialogStep.AdviceAndDeadline, later.State!.Step);
        Assert.Contains("in the future", ErrorText(later, FieldIds.DeadlineDate), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string, bool, string[], bool, bool> Routing => new()
    {
        // categories, recipient, agreement, purposes, DPO?, DPO reasons, Prevent lead?, Channel note?
        { "living-arrangements", "la-childrens-social-care", "yes", "child-protection-referral", false, [], false, false },
        { "other", "la-childrens-social-care", "yes", "child-protection-referral", true, ["otherCategory"], false, false },
        { "living-arrangements", "other", "yes", "child-protection-referral", true, ["otherOrganisation"], false, false },
        { "living-arrangements", "police", "no", "child-protection-referral", true, ["noAgreement"], false, false },
        { "living-arrangements", "police", "not-sure", "prevent-referral", true, ["noAgreement"], true, false }, // "not sure" routes like "no"
        { "living-arrangements", "channel-panel", "yes", "channel-support-plan", false, [], true, true },
        { "other", "other", "no", "channel-information-request,other", true, ["otherCategory", "otherOrganisation", "noAgreement"], true, true },
    };

    [Theory]
    [MemberData(nameof(Routing))]
    public void Submit_Routing_AddsTheDpoAndThePreventLeadAsConfigured(string categories, string recipient, string agreement, string purposes,
        bool dpo, string[] reasons, bool prevent, bool channelNote)
    {
        var review = AnswerUntil(DialogStep.Review, (step, v) =>
        {
            switch (step)
            {
                case DialogStep.What:
                    v[FieldIds.Categories] = categories;
                    v[FieldIds.SpecialCategoryContent] = "none";
                    v[FieldIds.CriminalOffenceContent] = "no";
                    break;
                case DialogStep.WithWhom:
                    v[FieldIds.RecipientType] = recipient;
                    v[FieldIds.AgreementStatus] = agreement;
                    break;
                case DialogStep.Why:
                    v[FieldIds.Purposes] = purposes;
                    v[FieldIds.OtherPurposeDetail] = "a multi-agency review";
                    break;
                case DialogStep.LegalBasis:
                    v = Para(step, v, null, null);
                    break;
                default:
                    break;
            }

            return v;
        });

        var result = Submit(review, new Dictionary<string, string> { [FieldIds.Declaration] = "true" });

        var routing = Assert.IsType<SubmitRequestEffect>(Assert.Single(result.Effects)).Submission.Routing;
        Assert.Equal(dpo, routing.DpoRequired);
        Assert.Equal(reasons, routing.DpoReasons);
        Assert.Equal(prevent, routing.PreventLeadRequired);
        Assert.Equal(channelNote, routing.ChannelSupportConsentNote);
    }

    [Fact]
    public void Submit_RoutingSwitchedOff_AddsNobody()
    {
        var policy = PolicyDoc with
        {
            Routing = new() { AddDpoForNoAgreement = false, AddDpoForOtherCategory = false, AddDpoForOtherOrganisation = false, AddPreventLead = false },
        };
        var context = Context(policy);
        var review = AnswerUntil(DialogStep.Review, context: context);

        var result = Submit(review, new Dictionary<string, string> { [FieldIds.Declaration] = "true" }, context);

        var routing = Assert.IsType<SubmitRequestEffect>(Assert.Single(result.Effects)).Submission.Routing;
        Assert.False(routing.DpoRequired);
        Assert.False(routing.PreventLeadRequired);
        Assert.True(routing.ChannelSupportConsentNote);
    }
}
