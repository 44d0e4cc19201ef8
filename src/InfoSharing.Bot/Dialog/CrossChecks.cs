using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>The cross-checks of docs/domain.md §4.4 that depend on answers from several steps.</summary>
public static class CrossChecks
{
    public const string DpoReasonOtherCategory = "otherCategory";
    public const string DpoReasonOtherOrganisation = "otherOrganisation";
    public const string DpoReasonNoAgreement = "noAgreement";

    public static IReadOnlyList<DataCategory> ChosenCategories(DraftAnswers answers, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(policy);
        var ids = answers.What?.CategoryIds ?? [];
        return [.. policy.Lists.DataCategories.Where(c => ids.Contains(c.Id, StringComparer.Ordinal))];
    }

    /// <summary>
    /// Cross-check 1: special category content (asked directly at step 2, pre-ticked by the SC categories) needs an
    /// Article 9 condition. Answers made before the question was asked: an SC category, or "other", needs one.
    /// </summary>
    public static ConditionRequirement Article9(DraftAnswers answers, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.What?.SpecialCategoryContentIds is { } content)
        {
            return content.Count > 0 ? ConditionRequirement.Required : ConditionRequirement.Hidden;
        }

        return ChosenCategories(answers, policy).Any(c => c.SpecialCategory || c.RoutesToDpo) ? ConditionRequirement.Required : ConditionRequirement.Hidden;
    }

    /// <summary>The special category content answered at step 2, in words.</summary>
    public static string DescribeSpecialCategoryContent(DraftAnswers answers, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(policy);
        var content = answers.What?.SpecialCategoryContentIds;
        var titles = content is null
            ? ChosenCategories(answers, policy).Where(c => c.SpecialCategory || c.RoutesToDpo).Select(c => c.Title)
            : policy.Lists.SpecialCategoryContent.Where(k => content.Contains(k.Id, StringComparer.Ordinal)).Select(k => k.Title.ToLowerInvariant());
        return string.Join("; ", titles);
    }

    /// <summary>
    /// Cross-check 1: criminal offence content (asked directly at step 2; offending history answers yes) needs a
    /// criminal-offence condition. Answers made before the question was asked: "may be" criminal offence data offers it.
    /// </summary>
    public static ConditionRequirement CriminalOffence(DraftAnswers answers, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var chosen = ChosenCategories(answers, policy);
        if (answers.What?.CriminalOffenceContent is { } offence)
        {
            return offence || chosen.Any(c => c.CriminalOffence) ? ConditionRequirement.Required : ConditionRequirement.Hidden;
        }

        if (chosen.Any(c => c.CriminalOffence))
        {
            return ConditionRequirement.Required;
        }

        return chosen.Any(c => c.MayBeCriminalOffence) ? ConditionRequirement.Optional : ConditionRequirement.Hidden;
    }

    /// <summary>Article 6 bases offered: legitimate-interest bases are hidden for a public authority.</summary>
    public static IReadOnlyList<Article6Basis> VisibleArticle6Bases(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [.. policy.Lists.Article6Bases.Where(b => !(policy.Organisation.IsPublicAuthority && b.HiddenForPublicAuthority))];
    }

    public static bool UsesPara18(LegalBasisAnswers? basis, PolicyDocument policy) =>
        basis is not null && UsesAny(basis, policy.CrossChecks.Para18ConditionIds);

    public static bool UsesPara10(LegalBasisAnswers? basis, PolicyDocument policy) =>
        basis is not null && UsesAny(basis, policy.CrossChecks.Para10ConditionIds);

    /// <summary>Cross-check 4: consent is relied on (Article 6(1)(a), 9(2)(a) or the consent criminal-offence condition).</summary>
    public static bool UsesConsentBasis(LegalBasisAnswers? basis, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (basis is null)
        {
            return false;
        }

        var lists = policy.Lists;
        return lists.Article6Bases.Any(b => b.IsConsent && b.Id == basis.Article6BasisId)
            || lists.Article9Conditions.Any(c => c.IsConsent && c.Id == basis.Article9ConditionId)
            || lists.CriminalOffenceConditions.Any(c => c.IsConsent && c.Id == basis.CriminalOffenceConditionId);
    }

    /// <summary>
    /// §3 step 7: the consent questions asked, apart from openness. Consent as the basis asks who gave it, how and when;
    /// paragraph 10 or 18 asks why the data subject's consent is not relied on; public task alone asks neither.
    /// </summary>
    public static (bool ConsentGiven, bool NotReliedOn) ConsentQuestions(LegalBasisAnswers? basis, PolicyDocument policy) =>
        (UsesConsentBasis(basis, policy), UsesPara18(basis, policy) || UsesPara10(basis, policy));

    /// <summary>Cross-checks 5 and 6.</summary>
    public static RoutingDecision Routing(DraftAnswers answers, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(policy);
        var routing = policy.Routing;
        var reasons = new List<string>();
        if (routing.AddDpoForOtherCategory && ChosenCategories(answers, policy).Any(c => c.RoutesToDpo))
        {
            reasons.Add(DpoReasonOtherCategory);
        }

        var withWhom = answers.WithWhom;
        if (routing.AddDpoForOtherOrganisation && withWhom is not null
            && policy.Lists.RecipientTypes.Any(r => r.RoutesToDpo && r.Id == withWhom.RecipientTypeId))
        {
            reasons.Add(DpoReasonOtherOrganisation);
        }

        if (routing.AddDpoForNoAgreement && withWhom is not null
            && policy.Lists.AgreementStatuses.Any(a => a.RoutesToDpo && a.Id == withWhom.AgreementStatusId))
        {
            reasons.Add(DpoReasonNoAgreement);
        }

        var purposes = policy.Lists.Purposes.Where(p => (answers.Why?.PurposeIds ?? []).Contains(p.Id, StringComparer.Ordinal)).ToList();
        return new RoutingDecision
        {
            DpoRequired = reasons.Count > 0,
            DpoReasons = reasons,
            PreventLeadRequired = routing.AddPreventLead && purposes.Any(p => p.Prevent),
            ChannelSupportConsentNote = purposes.Any(p => p.Channel),
        };
    }

    /// <summary>The DPO reason codes in words (the approval card reads the chosen items' own <c>dpoReason</c> sentences).</summary>
    public static string DescribeDpoReason(string code) => code switch
    {
        DpoReasonOtherCategory => "an 'other' kind of information was chosen",
        DpoReasonOtherOrganisation => "the recipient is an organisation not on the list",
        DpoReasonNoAgreement => "there is no information sharing agreement with the recipient, or it is not known whether there is one",
        _ => code,
    };

    private static bool UsesAny(LegalBasisAnswers basis, IReadOnlyList<string> conditionIds) =>
        (basis.Article9ConditionId is { } a9 && conditionIds.Contains(a9, StringComparer.Ordinal))
        || (basis.CriminalOffenceConditionId is { } co && conditionIds.Contains(co, StringComparer.Ordinal));
}
