using System.Text.Json.Nodes;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using static InfoSharing.Bot.Tests.Dialog.DialogTestKit;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Dialog;

/// <summary>
/// Issue 16, defect 3 (the statutory functions of domain §4.4: listed, required, readable) and defect 10 (the recipient
/// types the organisation's own agreement covers pre-answer "is there an agreement"; "not sure" routes to the DPO).
/// </summary>
public sealed class StatutoryFunctionAndAgreementTests
{
    private static readonly PolicyDocument Policy = PolicyLoader.Load(PolicyLoader.DefaultPath);

    public static TheoryData<string, string, string> Functions => new()
    {
        // id, words its title must hold, the Article 6 basis it normally goes with
        { "ctsa-2015-s26", "s.26", "public-task" },
        { "ctsa-2015-s36-s38", "s.36 to s.41", "public-task" },
        { "children-act-1989-s17", "Children Act 1989, s.17", "public-task" },
        { "children-act-1989-s47", "Children Act 1989, s.47", "public-task" },
        { "children-act-2004-s10", "Children Act 2004, s.10", "public-task" },
        { "children-act-2004-s11", "Children Act 2004, s.11", "public-task" },
        { "children-act-2004-s16h", "Children Act 2004, s.16H", "legal-obligation" },
        { "care-act-2014-s42", "Care Act 2014, s.42", "public-task" },
        { "care-act-2014-s45", "Care Act 2014, s.45", "legal-obligation" },
        { "dpa-2018-s8-crown", "a function of the Crown, a Minister of the Crown or a government department", "public-task" },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void ShippedPolicy_ListsTheStatutoryFunctionWithItsUsualBasis(string id, string words, string basis)
    {
        var function = Assert.Single(Policy.Lists.StatutoryFunctions, f => f.Id == id);

        Assert.Contains(words, function.Title, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(basis, function.Article6BasisId);
        Assert.False(function.Retired);
    }

    [Fact]
    public void LegalBasisCard_StatutoryFunction_IsMarkedRequiredAndEveryTitleIsShownInFullAndWraps()
    {
        var legal = AnswerUntil(DialogStep.LegalBasis);
        var input = ElementsById(Card(legal))[FieldIds.StatutoryFunction];

        Assert.True(input["isRequired"]?.GetValue<bool>() == true, "the statutory function shows no asterisk");
        Assert.False(string.IsNullOrWhiteSpace(input["label"]?.GetValue<string>()));
        Assert.Equal("expanded", input["style"]!.GetValue<string>()); // a compact drop-down clips long titles in Teams ("…s.36 and s")
        Assert.True(input["wrap"]!.GetValue<bool>());
        var offered = input["choices"]!.AsArray().Select(c => (c!["value"]!.GetValue<string>(), c["title"]!.GetValue<string>())).ToList();
        Assert.Equal(Policy.Lists.StatutoryFunctions.Where(f => !f.Retired).Select(f => (f.Id, f.Title)), offered);
        Assert.DoesNotContain(offered, o => o.Item1 == "care-act-2014"); // retired: kept only so old records read
    }

    [Theory]
    [InlineData("public-task", false)]
    [InlineData("legal-obligation", false)]
    [InlineData("vital-interests", true)]
    public void LegalBasis_NoneAsTheFunction_OnlyForABasisThatNeedsNone(string basis, bool accepted)
    {
        var legal = AnswerUntil(DialogStep.LegalBasis);
        var result = Submit(legal, Sample(DialogStep.LegalBasis, v => { v[FieldIds.Article6Basis] = basis; v[FieldIds.StatutoryFunction] = "none"; }));

        if (accepted)
        {
            Assert.True(result.State!.Step != DialogStep.LegalBasis, ErrorsOf(result));
        }
        else
        {
            Assert.Equal(DialogStep.LegalBasis, result.State!.Step);
            Assert.Contains("statutory function", ErrorText(result, FieldIds.StatutoryFunction), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LegalBasis_RetiredFunction_IsNoLongerAccepted()
    {
        var legal = AnswerUntil(DialogStep.LegalBasis);
        var result = Submit(legal, Sample(DialogStep.LegalBasis, v => v[FieldIds.StatutoryFunction] = "care-act-2014"));

        Assert.Equal(DialogStep.LegalBasis, result.State!.Step);
        Assert.NotNull(ErrorText(result, FieldIds.StatutoryFunction));
    }

    [Fact]
    public void ShippedPolicy_MarksTheAgreementsListGPartnersAsCovered()
    {
        var covered = Policy.Lists.RecipientTypes.Where(r => r.CoveredByAgreement).Select(r => r.Id).ToList();

        Assert.Contains("la-childrens-social-care", covered);
        Assert.Contains("nhs-trust", covered);
        Assert.Contains("british-transport-police", covered);
        Assert.Contains("probation", covered);
        Assert.DoesNotContain("police", covered); // the agreement's list g names the British Transport Police Authority only
        Assert.DoesNotContain("other", covered);
    }

    [Theory]
    [InlineData("la-childrens-social-care", "yes")]
    [InlineData("probation", "yes")]
    public void WithWhom_CoveredRecipientWithTheAgreementLeftBlank_IsPreAnsweredYes(string recipient, string expected)
    {
        var withWhom = AnswerUntil(DialogStep.WithWhom);
        var result = Submit(withWhom, Sample(DialogStep.WithWhom, v => { v[FieldIds.RecipientType] = recipient; v.Remove(FieldIds.AgreementStatus); }));

        Assert.True(result.State!.Step != DialogStep.WithWhom, ErrorsOf(result));
        Assert.Equal(expected, result.State.Answers.WithWhom!.AgreementStatusId);
    }

    [Fact]
    public void WithWhom_UncoveredRecipientWithTheAgreementLeftBlank_IsAskedAgain()
    {
        var withWhom = AnswerUntil(DialogStep.WithWhom);
        var result = Submit(withWhom, Sample(DialogStep.WithWhom, v => { v[FieldIds.RecipientType] = "police"; v.Remove(FieldIds.AgreementStatus); }));

        Assert.Equal(DialogStep.WithWhom, result.State!.Step);
        Assert.NotNull(ErrorText(result, FieldIds.AgreementStatus));
    }

    [Fact]
    public void WithWhom_CoveredRecipientAnsweredNo_KeepsThePractitionersAnswer()
    {
        var withWhom = AnswerUntil(DialogStep.WithWhom);
        var result = Submit(withWhom, Sample(DialogStep.WithWhom, v => { v[FieldIds.RecipientType] = "nhs-trust"; v[FieldIds.AgreementStatus] = "no"; }));

        Assert.Equal("no", result.State!.Answers.WithWhom!.AgreementStatusId);
    }

    [Fact]
    public void WithWhomCard_NamesTheCoveredRecipientsFromThePolicy()
    {
        var withWhom = AnswerUntil(DialogStep.WithWhom);
        var text = Card(withWhom).ToJsonString();

        foreach (var title in Policy.Lists.RecipientTypes.Where(r => r.CoveredByAgreement).Select(r => r.Title))
        {
            Assert.Contains(JsonValue.Create(title)!.ToJsonString().Trim('"'), text, StringComparison.Ordinal);
        }
    }
}
