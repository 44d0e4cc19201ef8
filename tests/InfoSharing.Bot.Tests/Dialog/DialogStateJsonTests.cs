using InfoSharing.Bot.Dialog;
using static InfoSharing.Bot.Tests.Dialog.DialogTestKit;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Dialog;

public sealed class DialogStateJsonTests
{
    [Theory]
    [InlineData(DialogStep.Urgency)]
    [InlineData(DialogStep.LegalBasis)]
    [InlineData(DialogStep.Review)]
    public void Serialize_ThenDeserialize_ContinuesTheDialogIdentically(DialogStep step)
    {
        var current = AnswerUntil(step);
        var json = DialogStateJson.Serialize(current.State!);

        Assert.True(DialogStateJson.TryDeserialize(json, out var restored));
        Assert.Equal(json, DialogStateJson.Serialize(restored!));
        var fromOriginal = Type(current.State, "back");
        var fromRestored = Type(restored, "back");
        Assert.Equal(DialogStateJson.Serialize(fromOriginal.State!), DialogStateJson.Serialize(fromRestored.State!));
        Assert.Equal(fromOriginal.Replies[0].Card!.ToJsonString(), fromRestored.Replies[0].Card!.ToJsonString());
    }

    [Fact]
    public void Serialize_KeepsTypedAnswersDatesAndPendingWarnings()
    {
        var current = AnswerUntil(DialogStep.Review);
        var warned = Type(current.State, "back");
        var withWarning = Submit(warned, Sample(DialogStep.AdviceAndDeadline, v => v[FieldIds.AdviceSummary] = "Jane Smith advised that a referral is right."));

        Assert.True(DialogStateJson.TryDeserialize(DialogStateJson.Serialize(withWarning.State!), out var restored));

        Assert.Equal(new DateOnly(2026, 11, 15), restored!.Answers.Advice!.DeadlineDate);
        Assert.Equal([FieldIds.AdviceSummary], restored.PendingIdentifierWarnings);
        Assert.Equal(withWarning.State!.DraftInputs[FieldIds.AdviceSummary], restored.DraftInputs[FieldIds.AdviceSummary]);
        Assert.Equal(current.State!.Answers.What!.CategoryIds, restored.Answers.What!.CategoryIds);
        Assert.Equal(DialogStep.AdviceAndDeadline, restored.Step);
        Assert.Equal(withWarning.State.ExpiresAt, restored.ExpiresAt);
        Assert.Equal(Practitioner, restored.Requester);
        Assert.Contains("\"step\":\"AdviceAndDeadline\"", DialogStateJson.Serialize(restored), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"step\":\"Nowhere\"}")]
    [InlineData("{}")]
    [InlineData("null")]
    public void TryDeserialize_UnreadableDraft_ReturnsFalseWithoutThrowing(string json)
    {
        Assert.False(DialogStateJson.TryDeserialize(json, out var state));
        Assert.Null(state);
    }

    [Fact]
    public void TryDeserialize_MissingOptionalParts_ReadAsEmptyNotNull()
    {
        var json = DialogStateJson.Serialize(Click(null, "newRequest").State!);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("answers");
        node.Remove("draftInputs");
        node.Remove("pendingIdentifierWarnings");

        Assert.True(DialogStateJson.TryDeserialize(node.ToJsonString(), out var state));

        Assert.NotNull(state!.Answers);
        Assert.NotNull(state.DraftInputs);
        Assert.NotNull(state.PendingIdentifierWarnings);
        Assert.Equal(DialogStep.About, Type(state, "no").State!.Step);
    }

    [Fact]
    public void Serialize_Submission_RoundTrips()
    {
        var review = AnswerUntil(DialogStep.Review);
        var effect = (SubmitRequestEffect)Submit(review, new Dictionary<string, string> { [FieldIds.Declaration] = "true" }).Effects[0];

        var json = System.Text.Json.JsonSerializer.Serialize(effect.Submission, DialogJsonContext.Default.RequestSubmission);
        var back = System.Text.Json.JsonSerializer.Deserialize(json, DialogJsonContext.Default.RequestSubmission)!;

        Assert.Equal(effect.Submission.PolicyVersion, back.PolicyVersion);
        Assert.Equal(effect.Submission.Routing.DpoReasons, back.Routing.DpoReasons);
        Assert.Equal(effect.Submission.DueByUtc, back.DueByUtc);
        Assert.Equal(effect.Submission.About, back.About);
    }
}
