using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using static InfoSharing.Bot.Tests.Dialog.DialogTestKit;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Dialog;

/// <summary>Issue 16: the case reference's example comes from the policy, and references of digits only are the policy's choice.</summary>
public sealed class CaseReferencePolicyTests
{
    private static readonly PolicyDocument Shipped = PolicyLoader.Load(PolicyLoader.DefaultPath);

    private static PolicyDocument With(string pattern, string example, bool allowNumericOnly) => Shipped with
    {
        CaseReference = Shipped.CaseReference with { Pattern = pattern, Example = example, Description = "the reference your case system gives", AllowNumericOnly = allowNumericOnly },
    };

    [Theory]
    [InlineData(false, "204518", false)]
    [InlineData(true, "204518", true)]
    [InlineData(false, "EH-204518", true)]
    public void About_DigitsOnlyReference_AcceptedOnlyWhenThePolicyAllowsIt(bool allowNumericOnly, string reference, bool accepted)
    {
        var context = Context(With(@"^(?:[A-Z]{2,5}-?)?\d{3,8}$", "EH-123456", allowNumericOnly));
        var about = AnswerUntil(DialogStep.About, context: context);

        var result = Submit(about, Sample(DialogStep.About, v => v[FieldIds.CaseReference] = reference), context);

        Assert.Equal(accepted, result.State!.Step != DialogStep.About);
        if (!accepted)
        {
            Assert.Contains("(for example EH-123456)", ErrorText(result, FieldIds.CaseReference), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AboutCard_ShowsThePolicysExampleAsPlaceholderAndHint()
    {
        var context = Context(With(@"^[A-Z]{2}\d{4}$", "QX9876", allowNumericOnly: false));

        var card = Card(AnswerUntil(DialogStep.About, context: context)).ToJsonString();

        Assert.Contains("\"placeholder\":\"QX9876\"", card, StringComparison.Ordinal);
        Assert.Contains("the reference your case system gives (for example QX9876)", card, StringComparison.Ordinal);
        Assert.DoesNotContain("CS-123456", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_DigitsOnlyExampleWithoutAllowNumericOnly_IsRefused()
    {
        var errors = PolicyValidator.Validate(With(@"^\d{6}$", "204518", allowNumericOnly: false));

        Assert.Contains(errors, e => e.Contains("caseReference.allowNumericOnly", StringComparison.Ordinal));
        Assert.Empty(PolicyValidator.Validate(With(@"^\d{6}$", "204518", allowNumericOnly: true)));
    }
}
