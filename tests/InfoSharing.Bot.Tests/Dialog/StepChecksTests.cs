using InfoSharing.Bot.Dialog;
using static InfoSharing.Bot.Tests.Dialog.DialogTestKit;

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
    public void WithWhom_PlainExternalEmail_IsNotAllowed()
    {
        var result = SubmitAt(DialogStep.WithWhom, v => v[FieldIds.SecureMethod] = "plain-external-email");

        AssertError(result, DialogStep.WithWhom, FieldIds.SecureMethod, "not secure");
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

    public static TheoryData<string, bool, string> CategoryConditions => new()
    {
        // categories, Article 9 input shown, criminal input ("required", "optional" or "hidden")
        { "living-arrangements", false, "hidden" },
        { "ethnicity", true, "hidden" },
        { "offending-history", false, "required" },
        { "attitudes-to-engagement", true, "optional" },
        { "substance-misuse,offending-history", true, "required" },
    };

    [Theory]
    [MemberData(nameof(CategoryConditions))]
    public void LegalBasis_ConditionInputs_AreShownOnlyWhenTheCategoriesNeedThem(string categories, bool article9, string criminal)
    {
        var legal = AnswerUntil(DialogStep.LegalBasis, (step, v) =>
        {
            if (step == DialogStep.What)
            {
                v[FieldIds.Categories] = categories;
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

        AssertError(result, DialogStep.LegalBasis, FieldIds.Article9Condition, "special category information at step 2");
    }

    [Fact]
    public void LegalBasis_OffendingHistoryWithoutCriminalCondition_SaysWhy()
    {
        var result = SubmitAt(DialogStep.LegalBasis, v => v.Remove(FieldIds.CriminalOffenceCondition));

        AssertError(result, DialogStep.LegalBasis, FieldIds.CriminalOffenceCondition, "offending history at step 2");
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

    [Fact]
    public void About_WhoIsAtRisk_IsRequired_AndKeptApartFromWhoItIsAbout()
    {
        var missing = SubmitAt(DialogStep.About, v => v.Remove(FieldIds.AtRisk));
        AssertError(missing, DialogStep.About, FieldIds.AtRisk, "at risk");

        var parent = SubmitAt(DialogStep.About, v => { v[FieldIds.SubjectType] = "parent-carer"; v[FieldIds.AtRisk] = "child"; });
        AssertAccepted(parent, DialogStep.About);
        Assert.Equal("parent-carer", parent.State!.Answers.About!.SubjectTypeId);
        Assert.Equal(["child"], parent.State.Answers.About.AtRiskTypeIds);
    }

    [Fact]
    public void Necessity_NoWithoutExplanation_IsRefused_AndWithExplanationAccepted()
    {
        var check = FieldIds.NecessityCheck("timely");
        var refused = SubmitAt(DialogStep.Necessity, v => v[check] = "no");
        AssertError(refused, DialogStep.Necessity, FieldIds.NecessityExplanation("timely"), "You answered No");

        var accepted = SubmitAt(DialogStep.Necessity, v => { v[check] = "no"; v[FieldIds.NecessityExplanation("timely")] = "The meeting is next week, which is soon enough."; });
        AssertAccepted(accepted, DialogStep.Necessity);
        var answer = accepted.State!.Answers.Necessity!.Checks.Single(c => c.CheckId == "timely");
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
        // Article 9 / criminal conditions, consent status, reasons, the field with an error (null = accepted)
        { "sch1-para18|co-sch1-para18", "not-sought", "cannot-consent", null },
        { "sch1-para18|co-sch1-para18", "refused", "cannot-reasonably-obtain", null },
        { "sch1-para18|co-sch1-para18", "not-sought", "increase-risk", null },
        { "sch1-para18|co-sch1-para18", "not-sought", "risk-to-others", FieldIds.ConsentReasons },
        { "sch1-para18|co-sch1-para18", "not-sought", "not-the-basis,legal-requirement", FieldIds.ConsentReasons },
        { "sch1-para18|co-sch1-para18", "already-informed", "", FieldIds.ConsentStatus },
        { "sch1-para10|co-sch1-para10", "not-sought", "prejudice-crime", null },
        { "sch1-para10|co-sch1-para10", "not-sought", "increase-risk", FieldIds.ConsentReasons },
        { "sch1-para6|co-sch1-para6", "not-sought", "not-the-basis", null },
        { "sch1-para6|co-sch1-para6", "refused", "", FieldIds.ConsentReasons },
    };

    [Theory]
    [MemberData(nameof(ConsentCrossChecks))]
    public void Consent_ScheduleOneParagraphs_NeedTheirConsentReasons(string conditions, string status, string reasons, string? errorField)
    {
        var parts = conditions.Split('|');
        var result = SubmitAt(DialogStep.Consent, v =>
        {
            v[FieldIds.ConsentStatus] = status;
            v[FieldIds.ConsentReasons] = reasons;
        }, (step, v) => Para(step, v, parts[0], parts[1]));

        if (errorField is null)
        {
            AssertAccepted(result, DialogStep.Consent);
        }
        else
        {
            AssertError(result, DialogStep.Consent, errorField, null);
        }
    }

    [Fact]
    public void Consent_Para18WithConsentGiven_IsRefusedBecauseItIsForSharingWithoutConsent()
    {
        var result = SubmitAt(DialogStep.Consent, v =>
        {
            v[FieldIds.ConsentStatus] = "given";
            v[FieldIds.ConsentGivenBy] = "the young person";
            v[FieldIds.ConsentHow] = "verbally at a meeting";
        });

        AssertError(result, DialogStep.Consent, FieldIds.ConsentStatus, "paragraph 18");
    }

    [Theory]
    [InlineData("consent", null, null)]
    [InlineData("public-task", "explicit-consent", null)]
    [InlineData("public-task", null, "co-consent")]
    public void Consent_ConsentAsTheBasis_NeedsConsentGivenWithWhoAndHow(string basis, string? article9, string? criminal)
    {
        Dictionary<string, string> Earlier(DialogStep step, Dictionary<string, string> v)
        {
            if (step == DialogStep.What)
            {
                v[FieldIds.Categories] = (article9 is null ? "" : "ethnicity,") + (criminal is null ? "living-arrangements" : "offending-history");
            }

            return Para(step, v, article9, criminal, basis);
        }

        var notSought = SubmitAt(DialogStep.Consent, _ => { }, Earlier);
        AssertError(notSought, DialogStep.Consent, FieldIds.ConsentStatus, "consent as a legal basis");

        var givenWithoutWho = SubmitAt(DialogStep.Consent, v => v[FieldIds.ConsentStatus] = "given", Earlier);
        AssertError(givenWithoutWho, DialogStep.Consent, FieldIds.ConsentGivenBy, "who gave it");
        AssertError(givenWithoutWho, DialogStep.Consent, FieldIds.ConsentHow, "how");

        var given = SubmitAt(DialogStep.Consent, v =>
        {
            v[FieldIds.ConsentStatus] = "given";
            v[FieldIds.ConsentGivenBy] = "the person";
            v[FieldIds.ConsentHow] = "in writing";
        }, Earlier);
        AssertAccepted(given, DialogStep.Consent);
        Assert.Empty(given.State!.Answers.Consent!.ReasonIds);
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("not-sought")]
    public void Consent_RefusedOrNotSought_NeedsAReason(string status)
    {
        var result = SubmitAt(DialogStep.Consent, v => { v[FieldIds.ConsentStatus] = status; v.Remove(FieldIds.ConsentReasons); });

        AssertError(result, DialogStep.Consent, FieldIds.ConsentReasons, "at least one reason");
    }

    [Fact]
    public void Consent_NotToldNeedsAReason_AndNotYetNeedsAFutureReviewDate()
    {
        var noReason = SubmitAt(DialogStep.Consent, v => v[FieldIds.Informed] = "no");
        AssertError(noReason, DialogStep.Consent, FieldIds.InformedReason, "why");

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
