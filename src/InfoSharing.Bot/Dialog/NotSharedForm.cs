using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;
using F = InfoSharing.Bot.Cards.SafeguardingFieldIds;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The short card of reasons for a decision not to share (§3.1), pure: which reasons apply and why, in a sentence.
/// Built and checked by the one form engine (<see cref="FormFields"/>, <see cref="FieldReader"/>,
/// <see cref="SafeguardingForms.Finish{T}"/>), so the sentence is checked for identifiers like every free text.
/// </summary>
public static class NotSharedForm
{
    /// <summary>The sentence: short, but enough to say why.</summary>
    public static readonly TextLimit WhyLimit = new() { Min = 10, Max = 300 };

    /// <summary>The reasons a practitioner may give (ids are stored; titles are shown and exported).</summary>
    public static readonly IReadOnlyList<ChoiceOption> Reasons =
    [
        new("not-necessary", "Sharing is not necessary for the purpose"),
        new("not-proportionate", "Sharing would not be proportionate"),
        new("no-lawful-basis", "There is no lawful basis to share"),
        new("advice-not-to-share", "I received advice not to share"),
        new("protected-another-way", "The risk is being managed another way (the person is protected another way)"),
        new("other", "Other (say what in the sentence)"),
    ];

    public static IReadOnlyList<FormField> Fields(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return
        [
            FormFields.Multi(F.NotSharedReasons, "Why did you decide not to share?", Reasons, required: true),
            FormFields.Text(F.NotSharedWhy, "Why, in a sentence (nothing that identifies anyone)", WhyLimit, required: true, multiline: true),
        ];
    }

    /// <summary>The decision from the card's values and the draft, or the errors and identifier warnings to show.</summary>
    public static FormOutcome<NotSharedDecision> Validate(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> warned, PolicyDocument policy, DialogState draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var reader = SafeguardingForms.Reader(values, warned, policy);
        var reasons = reader.Choices(F.NotSharedReasons, Reasons.Select(r => r.Value), required: true, "Tick at least one reason.");
        var why = reader.Text(F.NotSharedWhy, WhyLimit, required: true);
        return SafeguardingForms.Finish(reader, values, warned, policy, confirmed => new NotSharedDecision
        {
            DraftId = draft.DraftId,
            PolicyVersion = policy.Version,
            LastStep = draft.Step,
            Answers = draft.Answers,
            ReasonIds = reasons,
            Why = why!,
            DraftCreatedAtUtc = draft.CreatedAt,
            ConfirmedNoIdentifierFields = confirmed,
        });
    }

    /// <summary>The titles of the reasons given (an id no longer offered is shown as it is).</summary>
    public static IReadOnlyList<string> Titles(IEnumerable<string> ids) =>
        [.. ids.Select(id => Reasons.FirstOrDefault(r => r.Value == id)?.Title ?? id)];
}
