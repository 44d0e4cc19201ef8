using System.Globalization;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Samples;

/// <summary>
/// A representative instance of every card the dialog can send, produced by driving the real engine:
/// each step empty, with errors (values kept), with identifier warnings and refusals, filled (when edited
/// from the review); the review (plain, with a declaration error); welcome; emergency. Used to validate
/// every card with the official renderer.
/// </summary>
public static class DialogCardCatalogue
{
    private static readonly DialogActor Practitioner = new("00000000-0000-0000-0000-0000000000aa", "Dana Practitioner");

    /// <summary>Valid answers for every step (steps 0 to 8), as a card would submit them.</summary>
    public static IReadOnlyDictionary<string, string> SampleValues(DialogStep step, DateTimeOffset now) => step switch
    {
        DialogStep.Urgency => new Dictionary<string, string> { [FieldIds.ImmediateDanger] = "no" },
        DialogStep.About => new Dictionary<string, string>
        {
            [FieldIds.MatterType] = "prevent", [FieldIds.Direction] = "proposed",
            [FieldIds.CaseReference] = "CS-123456", [FieldIds.SubjectType] = "child", [FieldIds.AtRisk] = "child",
        },
        DialogStep.What => new Dictionary<string, string>
        {
            [FieldIds.Categories] = "offending-history,emotional-mental-health,other",
            [FieldIds.OtherCategoryDetail] = "attendance pattern summary",
            [FieldIds.ItemsDescription] = "The two most recent referral summaries and the attendance record for this term.",
            [FieldIds.SpecialCategoryContent] = "health", [FieldIds.CriminalOffenceContent] = "yes",
            [FieldIds.IdentifiesOthers] = "yes",
            [FieldIds.OthersProtection] = "The informant's details will be removed before sharing.",
            [FieldIds.ContainsOpinion] = "yes",
        },
        DialogStep.WithWhom => new Dictionary<string, string>
        {
            [FieldIds.RecipientType] = "la-prevent-team", [FieldIds.RecipientRole] = "Prevent coordinator",
            [FieldIds.RecipientVerified] = "yes", [FieldIds.AgreementStatus] = "no", [FieldIds.SecureMethod] = "secure-email",
        },
        DialogStep.Why => new Dictionary<string, string>
        {
            [FieldIds.Purposes] = "prevent-referral,channel-information-request",
            [FieldIds.ExpectedOutcome] = "The Prevent team can assess whether a Channel referral is appropriate.",
            [FieldIds.RiskIfNotShared] = "Vulnerability to radicalisation may go unassessed and escalate.",
            [FieldIds.Minimisation] = "no",
        },
        DialogStep.LegalBasis => new Dictionary<string, string>
        {
            [FieldIds.Article6Basis] = "public-task", [FieldIds.StatutoryFunction] = "ctsa-2015-s36-s38",
            [FieldIds.Article9Condition] = "sch1-para18", [FieldIds.CriminalOffenceCondition] = "co-sch1-para18",
        },
        DialogStep.Necessity => new Dictionary<string, string>
        {
            [FieldIds.NecessityCheck("necessary")] = "yes", [FieldIds.NecessityCheck("recipient-needs")] = "yes",
            [FieldIds.NecessityCheck("accurate")] = "yes", [FieldIds.NecessityCheck("relevant")] = "yes",
            [FieldIds.Justification] = "Sharing the referral summaries with the Prevent team is needed for them to assess the risk, and nothing more is shared.",
        },
        DialogStep.Consent => new Dictionary<string, string>
        {
            [FieldIds.Informed] = "after", [FieldIds.ConsentReasons] = "increase-risk",
        },
        DialogStep.AdviceAndDeadline => new Dictionary<string, string>
        {
            [FieldIds.Advice] = "internal", [FieldIds.AdviserRole] = "Designated Safeguarding Lead", [FieldIds.AdviceIdentified] = "no",
            [FieldIds.AdviceSummary] = "Advised that a referral is proportionate.",
            [FieldIds.Deadline] = "by-date", [FieldIds.DeadlineDate] = DateString(UkTime.Today(now).AddDays(3)),
        },
        _ => new Dictionary<string, string>(),
    };

    public static IReadOnlyList<CatalogueCard> All(PolicyDocument policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var cards = new List<CatalogueCard>
        {
            new("welcome", WelcomeCard.Build(policy.Texts)),
            new("emergency", EmergencyCard.Build(policy.Texts.Emergency)),
        };
        var context = new DialogContext { Policy = policy, Now = now };
        var broken = Broken(now);
        var identifiers = Identifiers();

        var result = DialogEngine.Next(null, Command(CardData.NewRequest), context);
        for (var step = DialogStep.Urgency; step < DialogStep.Review; step++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"step{(int)step}-{step.ToString().ToLowerInvariant()}");
            cards.Add(new(name + "-empty", CardOf(result)));
            var sample = SampleValues(step, now);
            var errors = DialogEngine.Next(result.State, Submit(result, Merge(sample, broken[step])), context);
            cards.Add(new(name + "-errors", CardOf(errors)));
            if (identifiers.TryGetValue(step, out var flagged))
            {
                var warned = DialogEngine.Next(errors.State, Submit(errors, Merge(sample, flagged)), context);
                cards.Add(new(name + "-identifier-warning", CardOf(warned)));
                var refused = DialogEngine.Next(warned.State, Submit(warned, Merge(sample, flagged)), context);
                cards.Add(new(name + "-identifier-refused", CardOf(refused)));
                errors = refused;
            }

            result = DialogEngine.Next(errors.State, Submit(errors, sample), context);
        }

        cards.Add(new("step9-review", CardOf(result)));
        var review = result;
        var declarationMissing = DialogEngine.Next(review.State, Submit(review, new Dictionary<string, string> { [FieldIds.Declaration] = "false" }), context);
        cards.Add(new("step9-review-declaration-error", CardOf(declarationMissing)));

        for (var section = DialogStep.About; section < DialogStep.Review; section++)
        {
            var edit = EditAction(declarationMissing, (int)section);
            var filled = DialogEngine.Next(declarationMissing.State, edit, context);
            cards.Add(new(string.Create(CultureInfo.InvariantCulture, $"step{(int)section}-{section.ToString().ToLowerInvariant()}-filled"), CardOf(filled)));
        }

        // Step 5 for an organisation that is not a public authority (legitimate interests offered).
        var notPublic = policy with { Organisation = policy.Organisation with { IsPublicAuthority = false } };
        var editLegal = DialogEngine.Next(declarationMissing.State, EditAction(declarationMissing, (int)DialogStep.LegalBasis), context with { Policy = notPublic });
        cards.Add(new("step5-legalbasis-not-public-authority", CardOf(editLegal)));

        // The paragraph 18 cross-check when no child or adult at risk is identified.
        var state = declarationMissing.State!;
        var adult = state with { Answers = state.Answers with { About = state.Answers.About! with { AtRiskTypeIds = ["none-identified"] } } };
        var para18 = DialogEngine.Next(adult, Submit(declarationMissing, new Dictionary<string, string> { [FieldIds.Declaration] = "true" }), context);
        cards.Add(new("step5-legalbasis-para18-error", CardOf(para18)));

        // A stale click answered by re-showing the current step.
        var stale = DialogEngine.Next(declarationMissing.State, Submit(review, new Dictionary<string, string>()), context);
        cards.Add(new("step9-review-after-stale-click", CardOf(stale)));
        return cards;
    }

    private static Dictionary<DialogStep, Dictionary<string, string>> Broken(DateTimeOffset now) => new()
    {
        [DialogStep.Urgency] = new() { [FieldIds.ImmediateDanger] = "" },
        [DialogStep.About] = new() { [FieldIds.CaseReference] = "12345" },
        [DialogStep.What] = new() { [FieldIds.ItemsDescription] = "Reports", [FieldIds.OthersProtection] = "" },
        [DialogStep.WithWhom] = new() { [FieldIds.SecureMethod] = "plain-external-email" },
        [DialogStep.Why] = new() { [FieldIds.ExpectedOutcome] = "Assessment" },
        [DialogStep.LegalBasis] = new() { [FieldIds.Article9Condition] = "" },
        [DialogStep.Necessity] = new() { [FieldIds.NecessityCheck("relevant")] = "no" },
        [DialogStep.Consent] = new() { [FieldIds.Informed] = "no", [FieldIds.ConsentReasons] = "" },
        [DialogStep.AdviceAndDeadline] = new() { [FieldIds.DeadlineDate] = DateString(UkTime.Today(now).AddDays(-1)) },
    };

    private static Dictionary<DialogStep, Dictionary<string, string>> Identifiers() => new()
    {
        [DialogStep.What] = new() { [FieldIds.ItemsDescription] = "Referral summaries about Jane Smith, who lives near SW1A 1AA and was born on 12/03/2012." },
        [DialogStep.WithWhom] = new() { [FieldIds.RecipientRole] = "Sarah Jones" },
        [DialogStep.Why] = new() { [FieldIds.ExpectedOutcome] = "The team can check NHS number 943 476 5919 against their records." },
        [DialogStep.Necessity] = new() { [FieldIds.Justification] = "Pupil A123456789012 has been of concern for some time and the team needs the summaries to assess the risk." },
        [DialogStep.Consent] = new() { [FieldIds.Views] = "Mr Brown said he does not want the school involved." },
        [DialogStep.AdviceAndDeadline] = new() { [FieldIds.AdviceSummary] = "Tom Baker advised that a referral is proportionate." },
    };

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> sample, Dictionary<string, string> changes)
    {
        var merged = new Dictionary<string, string>(sample, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static JsonObject CardOf(DialogResult result) =>
        result.Replies.LastOrDefault(r => r.Card is not null)?.Card
        ?? throw new InvalidOperationException("The dialog sent no card.");

    private static CardSubmitInput Command(string action) =>
        new() { Actor = Practitioner, Values = new JsonObject { [CardData.Action] = action } };

    /// <summary>The first button's data (Continue / Submit) of the last card, merged with the values.</summary>
    private static CardSubmitInput Submit(DialogResult result, IReadOnlyDictionary<string, string> values)
    {
        var card = CardOf(result);
        var data = (JsonObject)card["actions"]![0]!["data"]!.DeepClone();
        foreach (var (key, value) in values)
        {
            data[key] = value;
        }

        return new CardSubmitInput { Actor = Practitioner, Values = data };
    }

    private static CardSubmitInput EditAction(DialogResult review, int section)
    {
        var submit = Submit(review, new Dictionary<string, string>());
        submit.Values[CardData.Action] = CardData.Edit;
        submit.Values[CardData.Section] = section;
        return submit;
    }

    private static string DateString(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
