using System.Globalization;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>Builds the review (step 9) from the answers: a summary of every answer, routing notes and warnings.</summary>
public static class ReviewBuilder
{
    /// <summary>One section per step 1 to 8, each from its step (<see cref="StepForm.Review"/>); step 1's shows the urgency answer too.</summary>
    public static IReadOnlyList<ReviewSection> Sections(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(policy);
        var sections = new List<ReviewSection>();
        for (var step = DialogStep.About; step <= DialogStep.AdviceAndDeadline; step++)
        {
            sections.Add(Section(policy, step, StepForm.For(step)!.Review(answers, policy, now)));
        }

        return sections;
    }

    /// <summary>Routing and reminder notes (cross-checks 5 and 6).</summary>
    public static IReadOnlyList<string> Notices(DraftAnswers answers, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var routing = CrossChecks.Routing(answers, policy);
        var notices = new List<string>();
        if (routing.DpoRequired)
        {
            notices.Add($"{policy.Texts.Notes.DpoRouting} (Because {string.Join("; ", routing.DpoReasons.Select(CrossChecks.DescribeDpoReason))}.)");
        }

        if (routing.PreventLeadRequired)
        {
            notices.Add(policy.Texts.Notes.PreventRouting);
        }

        if (routing.ChannelSupportConsentNote)
        {
            notices.Add(policy.Texts.Notes.ChannelSupportConsent);
        }

        return notices;
    }

    /// <summary>Points the approver should see.</summary>
    public static IReadOnlyList<RequestWarning> Warnings(DraftAnswers answers, PolicyDocument policy, IReadOnlyList<string> confirmedNoIdentifierFields)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(confirmedNoIdentifierFields);
        var warnings = new List<RequestWarning>();
        if (answers.WithWhom is { RecipientVerified: false })
        {
            warnings.Add(new("recipientNotVerified", "The recipient's identity and contact route have not been checked."));
        }

        if (answers.What is { IdentifiesOthers: true })
        {
            warnings.Add(new("identifiesOthers", "The information identifies other people who could be harmed if identified."));
        }

        foreach (var check in answers.Necessity?.Checks.Where(c => !c.Met) ?? [])
        {
            var title = policy.Lists.NecessityChecks.FirstOrDefault(c => c.Id == check.CheckId)?.Title ?? check.CheckId;
            warnings.Add(new("necessityNo:" + check.CheckId, $"Answered No: {title}."));
        }

        if (CrossChecks.UsesConsentBasis(answers.LegalBasis, policy))
        {
            warnings.Add(new("consentBasis", "Consent is relied on as a legal basis; it is rarely the right basis when a child or an adult at risk needs protecting."));
        }

        if (confirmedNoIdentifierFields.Count > 0)
        {
            warnings.Add(new("identifierConfirmed", string.Create(CultureInfo.InvariantCulture,
                $"The practitioner confirmed that {confirmedNoIdentifierFields.Count} flagged answer(s) contain no identifying information.")));
        }

        return warnings;
    }

    private static ReviewSection Section(PolicyDocument policy, DialogStep step, IEnumerable<(string Title, string? Value)> facts) => new()
    {
        Step = (int)step,
        Title = policy.Texts.Step((int)step).Title,
        Facts = [.. facts.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => new ReviewFact(f.Title, f.Value!))],
    };
}
