using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>What a dialog turn did to the draft, as the audit trail records it: table-driven over before/after states.</summary>
public sealed class DraftTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly DialogActor Paula = new("aad-paula", "Paula");

    private static DialogState Draft(string id = "d1", DialogStep step = DialogStep.About, DraftAnswers? answers = null, int version = DialogDefinition.Version, DateTimeOffset? expires = null) => new()
    {
        DialogVersion = version,
        PolicyVersion = "2026.11.1",
        DraftId = id,
        Step = step,
        Requester = Paula,
        CreatedAt = Now.AddHours(-1),
        UpdatedAt = Now.AddMinutes(-5),
        ExpiresAt = expires ?? Now.AddDays(7),
        Answers = answers ?? DraftAnswers.Empty,
    };

    private static readonly DraftAnswers Urgent = new() { Urgency = new UrgencyAnswers { ImmediateDanger = false } };
    private static readonly DraftAnswers About = Urgent with { About = new AboutAnswers { MatterTypeId = "prevent", DirectionId = "proposed", CaseReference = "CS-1", SubjectTypeIds = ["child"] } };

    private static string Describe(IReadOnlyList<DraftTransition> transitions) =>
        string.Join(" ", transitions.Select(t => $"{t.Action}:{t.DraftId}"));

    public static TheoryData<string, DialogState?, DialogState?, DialogEffect[], string> Cases => new()
    {
        { "nothing before or after", null, null, [], "" },
        { "new request", null, Draft(), [], "draft-created:d1" },
        { "navigation only", Draft(), Draft() with { Step = DialogStep.What, Revision = 3 }, [], "" },
        { "a section accepted", Draft(answers: Urgent), Draft(answers: About), [], "draft-edited:d1" },
        { "restart", Draft(answers: About), Draft("d2"), [], "draft-restarted:d2" },
        { "cancel", Draft(answers: About), null, [], "draft-cancelled:d1" },
        { "submitted", Draft(step: DialogStep.Review, answers: About), null, [new SubmitRequestEffect(null!)], "" },
        { "emergency path", Draft(step: DialogStep.Urgency), null, [new StartEmergencyEffect(Paula, Now, Now.AddHours(24))], "draft-discarded:d1" },
        { "expired, then nothing", Draft(expires: Now.AddMinutes(-1)), null, [], "draft-expired:d1" },
        { "expired, then a new one", Draft(expires: Now.AddMinutes(-1)), Draft("d2"), [], "draft-expired:d1 draft-created:d2" },
        { "old dialog version", Draft(version: DialogDefinition.Version - 1), Draft("d2"), [], "draft-discarded:d1 draft-created:d2" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Between_BeforeAndAfter_GivesOneEntryPerTransition(string name, DialogState? before, DialogState? after, DialogEffect[] effects, string expected)
    {
        var transitions = DraftTransitions.Between(before, after, effects, Now, DialogDefinition.Version);
        Assert.True(expected == Describe(transitions), $"{name}: {Describe(transitions)}");
    }

    [Fact]
    public void Between_SectionAccepted_NamesTheStepAndSectionsButNoAnswers()
    {
        var edited = Assert.Single(DraftTransitions.Between(Draft(answers: Urgent), Draft(answers: About), [], Now, DialogDefinition.Version));
        Assert.Equal("about", edited.Details["step"]!.GetValue<string>());
        Assert.Equal(["about"], edited.Details["sections"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.DoesNotContain("CS-1", edited.Details.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedSections_ListsEverySectionWhoseAnswersDiffer()
    {
        var changed = About with { About = About.About! with { CaseReference = "CS-2" }, Urgency = null };
        Assert.Equal(["urgency", "about"], DraftTransitions.ChangedSections(About, changed));
        Assert.Empty(DraftTransitions.ChangedSections(About, About with { }));
    }
}
