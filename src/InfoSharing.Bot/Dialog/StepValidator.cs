using System.Text.RegularExpressions;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The server-side checks of every step (docs/domain.md §3) and the cross-checks of §4.4 that look back at
/// earlier answers. Pure: the same values, answers, policy and time always give the same outcome.
/// </summary>
public static class StepValidator
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public static StepOutcome Validate(DialogStep step, IReadOnlyDictionary<string, string> values, DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(policy);
        var reader = new FieldReader(values);
        var updated = step switch
        {
            DialogStep.Urgency => Urgency(reader, answers),
            DialogStep.About => About(reader, answers, policy),
            DialogStep.What => What(reader, answers, policy),
            DialogStep.WithWhom => WithWhom(reader, answers, policy),
            DialogStep.Why => Why(reader, answers, policy),
            DialogStep.LegalBasis => LegalBasis(reader, answers, policy),
            DialogStep.Necessity => Necessity(reader, answers, policy),
            DialogStep.Consent => Consent(reader, answers, policy, UkTime.Today(now)),
            DialogStep.AdviceAndDeadline => Advice(reader, answers, policy, UkTime.Today(now)),
            _ => answers,
        };

        var hits = new Dictionary<string, IReadOnlyList<IdentifierPattern>>(StringComparer.Ordinal);
        foreach (var (field, text) in reader.FreeText)
        {
            var found = IdentifierDetector.Detect(text, policy.IdentifierPatterns);
            if (found.Count > 0)
            {
                hits[field] = found;
            }
        }

        return new StepOutcome
        {
            Errors = reader.Errors,
            IdentifierHits = hits,
            Answers = reader.Errors.Count == 0 ? updated : answers,
        };
    }

    /// <summary>
    /// Re-checks steps 1 to 8 from the saved answers (before the review and at submit) and returns the first
    /// step that is incomplete or no longer valid (an edit, a date now past, a changed policy), or null.
    /// Identifiers are not re-checked: they were warned about, or confirmed, when entered.
    /// </summary>
    public static (DialogStep Step, StepOutcome Outcome)? FirstInvalidStep(DraftAnswers answers, PolicyDocument policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        for (var step = DialogStep.About; step <= DialogStep.AdviceAndDeadline; step++)
        {
            var outcome = Validate(step, StepForms.ValuesFromAnswers(step, answers, policy), answers, policy, now);
            if (!outcome.IsValid || !HasSection(step, answers) || (step == DialogStep.Why && answers.Why?.MinimisationId is null))
            {
                var errors = new Dictionary<string, string>(outcome.Errors, StringComparer.Ordinal);
                if (step == DialogStep.Why && answers.Why is not null && answers.Why.MinimisationId is null)
                {
                    errors[FieldIds.Minimisation] = "Now that you have reduced what you share, answer this again.";
                }

                return (step, outcome with { Errors = errors });
            }
        }

        return null;
    }

    private static bool HasSection(DialogStep step, DraftAnswers answers) => step switch
    {
        DialogStep.Urgency => answers.Urgency is not null,
        DialogStep.About => answers.About is not null,
        DialogStep.What => answers.What is not null,
        DialogStep.WithWhom => answers.WithWhom is not null,
        DialogStep.Why => answers.Why is not null,
        DialogStep.LegalBasis => answers.LegalBasis is not null,
        DialogStep.Necessity => answers.Necessity is not null,
        DialogStep.Consent => answers.Consent is not null,
        DialogStep.AdviceAndDeadline => answers.Advice is not null,
        _ => true,
    };

    private static DraftAnswers Urgency(FieldReader reader, DraftAnswers answers)
    {
        var danger = reader.YesNo(FieldIds.ImmediateDanger);
        return danger is null ? answers : answers with { Urgency = new UrgencyAnswers { ImmediateDanger = danger.Value } };
    }

    private static DraftAnswers About(FieldReader reader, DraftAnswers answers, PolicyDocument policy)
    {
        var lists = policy.Lists;
        var matter = reader.Choice(FieldIds.MatterType, lists.MatterTypes.Select(i => i.Id));
        var direction = reader.Choice(FieldIds.Direction, lists.Directions.Select(i => i.Id));
        var subjects = reader.Choices(FieldIds.SubjectType, lists.SubjectTypes.Select(i => i.Id), required: true, "Choose who the information is about.");
        var atRisk = reader.Choices(FieldIds.AtRisk, lists.AtRiskTypes.Select(i => i.Id), required: true, "Choose who is at risk.");
        var caseReference = reader.Text(FieldIds.CaseReference, policy.Limits.CaseReference, required: true, "Enter the case reference (never a name).", scan: false);
        if (caseReference is not null && !reader.HasError(FieldIds.CaseReference))
        {
            // The case reference is refused outright (no confirmation) if it looks like a personal identifier.
            var found = IdentifierDetector.Detect(caseReference, policy.IdentifierPatterns);
            if (found.Count > 0)
            {
                reader.Error(FieldIds.CaseReference, $"This looks like {IdentifierDetector.Describe(found)}, not a case reference. Use the reference from your case system and never the person's details.");
            }
            else if (!policy.CaseReference.Accepts(caseReference, RegexTimeout))
            {
                reader.Error(FieldIds.CaseReference, $"This is not a valid case reference. It should be {policy.CaseReference.Explained}.");
            }
        }

        if (matter is null || direction is null || subjects.Count == 0 || caseReference is null || atRisk.Count == 0)
        {
            return answers;
        }

        return answers with
        {
            About = new AboutAnswers { MatterTypeId = matter, DirectionId = direction, CaseReference = caseReference, SubjectTypeIds = subjects, AtRiskTypeIds = atRisk },
        };
    }

    private static DraftAnswers What(FieldReader reader, DraftAnswers answers, PolicyDocument policy)
    {
        var categories = policy.Lists.DataCategories;
        var chosen = reader.Choices(FieldIds.Categories, categories.Select(c => c.Id), required: true, "Choose at least one kind of information.");
        string? otherDetail = null;
        if (categories.Any(c => c.RequiresDetail && chosen.Contains(c.Id)))
        {
            otherDetail = reader.Text(FieldIds.OtherCategoryDetail, policy.Limits.Detail, required: true, "You chose Other: say what kind of information it is.");
        }

        var description = reader.Text(FieldIds.ItemsDescription, policy.Limits.ItemsDescription, required: true);

        // Special category and criminal offence content is asked directly (§3 step 2, §4.1); the categories only
        // pre-tick it: a category's answers are added, and cannot be cleared.
        var chosenCategories = categories.Where(c => chosen.Contains(c.Id, StringComparer.Ordinal)).ToList();
        var kinds = policy.Lists.SpecialCategoryContent;
        var implied = chosenCategories.SelectMany(c => c.RevealsSpecialCategory).ToHashSet(StringComparer.Ordinal);
        var ticked = reader.Choices(FieldIds.SpecialCategoryContent, kinds.Select(k => k.Id), required: implied.Count == 0,
            "Say whether any of it reveals these, or choose 'None of these'.");
        var content = kinds.Where(k => !k.None && (ticked.Contains(k.Id) || implied.Contains(k.Id))).Select(k => k.Id).ToList();
        if (kinds.Any(k => k.None && ticked.Contains(k.Id)) && content.Count > 0)
        {
            var revealing = chosenCategories.Where(c => c.RevealsSpecialCategory.Count > 0).ToList();
            reader.Error(FieldIds.SpecialCategoryContent, revealing.Count > 0
                ? "'None of these' does not fit: " + string.Join("; ", revealing.Select(c => c.Title)) + " reveals " + string.Join("; ", kinds.Where(k => implied.Contains(k.Id)).Select(k => k.Title.ToLowerInvariant())) + "."
                : "Choose 'None of these' on its own, or only what it reveals.");
        }

        var offenceCategories = chosenCategories.Where(c => c.CriminalOffence).ToList();
        var offence = reader.YesNo(FieldIds.CriminalOffenceContent, required: offenceCategories.Count == 0);
        if (offence == false && offenceCategories.Count > 0)
        {
            reader.Error(FieldIds.CriminalOffenceContent, "You chose " + string.Join("; ", offenceCategories.Select(c => c.Title)) + ", which is criminal offence data: answer Yes.");
        }

        var identifiesOthers = reader.YesNo(FieldIds.IdentifiesOthers);
        string? protection = null;
        if (identifiesOthers == true)
        {
            protection = reader.Text(FieldIds.OthersProtection, policy.Limits.Detail, required: true, "Say how the identity of the people who could be harmed will be protected.");
        }

        var opinion = reader.YesNo(FieldIds.ContainsOpinion);
        if (chosen.Count == 0 || description is null || identifiesOthers is null || opinion is null || (offence is null && offenceCategories.Count == 0))
        {
            return answers;
        }

        return answers with
        {
            What = new WhatAnswers
            {
                CategoryIds = chosen,
                OtherCategoryDetail = otherDetail,
                ItemsDescription = description,
                SpecialCategoryContentIds = content,
                CriminalOffenceContent = offence == true || offenceCategories.Count > 0,
                IdentifiesOthers = identifiesOthers.Value,
                OthersProtection = protection,
                ContainsOpinion = opinion.Value,
            },
        };
    }

    private static DraftAnswers WithWhom(FieldReader reader, DraftAnswers answers, PolicyDocument policy)
    {
        var lists = policy.Lists;
        var recipient = reader.Choice(FieldIds.RecipientType, lists.RecipientTypes.Select(i => i.Id));
        var role = reader.Text(FieldIds.RecipientRole, policy.Limits.ShortText, required: true, "Enter the recipient's team or role.");
        var verified = reader.YesNo(FieldIds.RecipientVerified);
        // Cross-check 5: a recipient type the organisation's own agreement covers pre-answers "is there an agreement".
        var covered = lists.RecipientTypes.Any(r => r.CoveredByAgreement && r.Id == recipient);
        var agreement = reader.Choice(FieldIds.AgreementStatus, lists.AgreementStatuses.Select(i => i.Id), required: !covered)
            ?? (covered ? lists.AgreementStatuses.FirstOrDefault(a => a.IsCoveredAnswer)?.Id : null);
        // Only real choices are offered (a method the policy does not allow is not listed), and only they are accepted.
        var method = reader.Choice(FieldIds.SecureMethod, lists.SecureMethods.Where(m => m.Allowed).Select(i => i.Id));

        if (recipient is null || role is null || verified is null || agreement is null || method is null)
        {
            return answers;
        }

        return answers with
        {
            WithWhom = new WithWhomAnswers
            {
                RecipientTypeId = recipient,
                RecipientRole = role,
                RecipientVerified = verified.Value,
                AgreementStatusId = agreement,
                SecureMethodId = method,
            },
        };
    }

    private static DraftAnswers Why(FieldReader reader, DraftAnswers answers, PolicyDocument policy)
    {
        var purposes = policy.Lists.Purposes;
        var chosen = reader.Choices(FieldIds.Purposes, purposes.Select(p => p.Id), required: true, "Choose at least one purpose.");
        string? otherDetail = null;
        if (purposes.Any(p => p.RequiresDetail && chosen.Contains(p.Id)))
        {
            otherDetail = reader.Text(FieldIds.OtherPurposeDetail, policy.Limits.Detail, required: true, "You chose Other: say what the purpose is.");
        }

        var outcome = reader.Text(FieldIds.ExpectedOutcome, policy.Limits.ExpectedOutcome, required: true);
        var risk = reader.Text(FieldIds.RiskIfNotShared, policy.Limits.RiskIfNotShared, required: true);
        var minimisation = reader.Choice(FieldIds.Minimisation, policy.Lists.MinimisationOptions.Select(m => m.Id));
        if (chosen.Count == 0 || outcome is null || risk is null || minimisation is null)
        {
            return answers;
        }

        return answers with
        {
            Why = new WhyAnswers
            {
                PurposeIds = chosen,
                OtherPurposeDetail = otherDetail,
                ExpectedOutcome = outcome,
                RiskIfNotShared = risk,
                MinimisationId = minimisation,
                ReducedAfterMinimisationCheck = answers.Why?.ReducedAfterMinimisationCheck ?? false,
            },
        };
    }

    private static DraftAnswers LegalBasis(FieldReader reader, DraftAnswers answers, PolicyDocument policy)
    {
        var lists = policy.Lists;
        var basisId = reader.Choice(FieldIds.Article6Basis, CrossChecks.VisibleArticle6Bases(policy).Select(b => b.Id));
        var basis = lists.Article6Bases.FirstOrDefault(b => b.Id == basisId);
        var functionId = reader.Choice(FieldIds.StatutoryFunction, lists.StatutoryFunctions.Where(f => !f.Retired).Select(f => f.Id), required: false);
        var notApplicable = lists.StatutoryFunctions.Any(f => f.NotApplicable && f.Id == functionId);
        if (basis is { RequiresStatutoryFunction: true } && (functionId is null || notApplicable) && !reader.HasError(FieldIds.StatutoryFunction))
        {
            reader.Error(FieldIds.StatutoryFunction, "Choose the statutory function you rely on for this basis.");
        }

        string? functionDetail = null;
        if (lists.StatutoryFunctions.Any(f => f.RequiresDetail && f.Id == functionId))
        {
            functionDetail = reader.Text(FieldIds.StatutoryFunctionDetail, policy.Limits.Detail, required: true, "You chose Other: say which function.");
        }

        // Cross-check 1: the conditions are asked only when they apply, and then required.
        string? article9 = null;
        if (CrossChecks.Article9(answers, policy) == ConditionRequirement.Required)
        {
            if (reader.Raw(FieldIds.Article9Condition) is null)
            {
                reader.Error(FieldIds.Article9Condition, "At step 2 you said the information reveals special category data (" + CrossChecks.DescribeSpecialCategoryContent(answers, policy) + "), so an Article 9 condition is required.");
            }
            else
            {
                article9 = reader.Choice(FieldIds.Article9Condition, lists.Article9Conditions.Select(c => c.Id));
            }
        }

        string? criminal = null;
        var criminalRequirement = CrossChecks.CriminalOffence(answers, policy);
        if (criminalRequirement != ConditionRequirement.Hidden)
        {
            if (criminalRequirement == ConditionRequirement.Required && reader.Raw(FieldIds.CriminalOffenceCondition) is null)
            {
                reader.Error(FieldIds.CriminalOffenceCondition, "At step 2 you said the information includes allegations, offences, convictions or proceedings (or chose offending history), so a criminal offence data condition is required.");
            }
            else
            {
                criminal = reader.Choice(FieldIds.CriminalOffenceCondition, lists.CriminalOffenceConditions.Select(c => c.Id), required: false);
            }
        }

        // Cross-check 5a: the Schedule 1 Part 2 conditions need an appropriate policy document.
        var document = policy.Organisation.AppropriatePolicyDocument;
        if (document is not { Held: true })
        {
            var refusal = document?.Refusal is { Length: > 0 } text ? text : "This condition needs an appropriate policy document. Contact the Data Protection Officer.";
            if (lists.Article9Conditions.Any(c => c.RequiresAppropriatePolicyDocument && c.Id == article9))
            {
                reader.Error(FieldIds.Article9Condition, refusal);
            }

            if (lists.CriminalOffenceConditions.Any(c => c.RequiresAppropriatePolicyDocument && c.Id == criminal))
            {
                reader.Error(FieldIds.CriminalOffenceCondition, refusal);
            }
        }

        // Cross-check 2 (first half): paragraph 18 protects a child or an adult at risk. It is tested on the person
        // at risk (step 1), not on the data subject: sharing a parent's information to protect a child is the common case.
        var atRiskIds = answers.About?.AtRiskTypeIds ?? [];
        if (answers.About is not null && !atRiskIds.Any(id => policy.CrossChecks.Para18AtRiskTypeIds.Contains(id, StringComparer.Ordinal)))
        {
            var atRisk = atRiskIds.Count == 0 ? "no one" : string.Join("; ", atRiskIds.Select(id => lists.AtRiskTypes.FirstOrDefault(s => s.Id == id)?.Title ?? id));
            var message = "Schedule 1 paragraph 18 is for protecting a child or an adult at risk; at step 1 you said who is at risk: " + atRisk + ".";
            if (article9 is not null && policy.CrossChecks.Para18ConditionIds.Contains(article9, StringComparer.Ordinal))
            {
                reader.Error(FieldIds.Article9Condition, message);
            }

            if (criminal is not null && policy.CrossChecks.Para18ConditionIds.Contains(criminal, StringComparer.Ordinal))
            {
                reader.Error(FieldIds.CriminalOffenceCondition, message);
            }
        }

        if (basisId is null || reader.Errors.Count > 0)
        {
            return answers;
        }

        return answers with
        {
            LegalBasis = new LegalBasisAnswers
            {
                Article6BasisId = basisId,
                StatutoryFunctionId = functionId,
                StatutoryFunctionDetail = functionDetail,
                Article9ConditionId = article9,
                CriminalOffenceConditionId = criminal,
            },
        };
    }

    private static DraftAnswers Necessity(FieldReader reader, DraftAnswers answers, PolicyDocument policy)
    {
        var checks = new List<NecessityCheckAnswer>();
        foreach (var check in policy.Lists.AskedNecessityChecks)
        {
            var met = reader.YesNo(FieldIds.NecessityCheck(check.Id));
            string? explanation = null;
            if (met == false)
            {
                explanation = reader.Text(FieldIds.NecessityExplanation(check.Id), policy.Limits.Explanation, required: true, "You answered No: explain why.");
            }

            if (met is not null)
            {
                checks.Add(new NecessityCheckAnswer { CheckId = check.Id, Met = met.Value, Explanation = explanation });
            }
        }

        var justification = reader.Text(FieldIds.Justification, policy.Limits.Justification, required: true);
        if (reader.Errors.Count > 0 || justification is null)
        {
            return answers;
        }

        return answers with { Necessity = new NecessityAnswers { Checks = checks, Justification = justification } };
    }

    private static DraftAnswers Consent(FieldReader reader, DraftAnswers answers, PolicyDocument policy, DateOnly todayUk)
    {
        var lists = policy.Lists;
        var basis = answers.LegalBasis;

        // Openness (golden rule 2) is asked of everyone; consent only where the basis makes it matter (§3 step 7).
        var informedId = reader.Choice(FieldIds.Informed, lists.InformedOptions.Select(i => i.Id));
        var informed = lists.InformedOptions.FirstOrDefault(i => i.Id == informedId);
        IReadOnlyList<string> informedReasons = [];
        DateOnly? reviewDate = null;
        if (informed is { RequiresReason: true })
        {
            informedReasons = reader.Choices(FieldIds.InformedReasons, lists.ConsentExceptionReasons.Select(r => r.Id), required: true, "Choose why the person will not be told.");
        }

        if (informed is { RequiresReviewDate: true })
        {
            reviewDate = reader.FutureDate(FieldIds.InformedReviewDate, todayUk, required: true, "Choose the date on which you will review whether to tell them.");
        }

        var views = reader.Text(FieldIds.Views, policy.Limits.Views, required: false);

        var (consentGiven, notReliedOn) = CrossChecks.ConsentQuestions(basis, policy);
        var statusId = lists.ConsentStatuses.FirstOrDefault(s => s.NotAsked)?.Id;
        string? givenBy = null;
        string? how = null;
        DateOnly? givenOn = null;
        if (consentGiven)
        {
            // Cross-check 4: consent as a legal basis needs consent given, with who, how and when.
            statusId = reader.Choice(FieldIds.ConsentStatus, lists.ConsentStatuses.Where(s => !s.NotAsked).Select(s => s.Id));
            var status = lists.ConsentStatuses.FirstOrDefault(s => s.Id == statusId);
            if (status is { IsGiven: true })
            {
                givenBy = reader.Text(FieldIds.ConsentGivenBy, policy.Limits.ShortText, required: true, "Consent was given: say who gave it (their role, not their name).");
                how = reader.Text(FieldIds.ConsentHow, policy.Limits.Detail, required: true, "Consent was given: say how it was given.");
                givenOn = reader.PastDate(FieldIds.ConsentGivenOn, todayUk, required: true, "Consent was given: say when.");
            }
            else if (status is not null)
            {
                reader.Error(FieldIds.ConsentStatus, "At step 5 you chose consent as a legal basis, so consent must have been given (say who gave it, how and when). Otherwise go back and change the legal basis.");
            }

            if (notReliedOn)
            {
                reader.Error(FieldIds.ConsentStatus, "At step 5 you chose both consent and Schedule 1 paragraph 10 or 18, which are for sharing without relying on consent. Go back to step 5 and keep one of them.");
            }
        }

        IReadOnlyList<string> reasons = [];
        if (notReliedOn && !consentGiven)
        {
            reasons = reader.Choices(FieldIds.ConsentReasons, lists.ConsentExceptionReasons.Select(r => r.Id), required: true, "Choose at least one reason why the person's consent is not being relied on.");

            // Cross-check 2: paragraph 18 needs one of its consent reasons.
            var para18 = policy.CrossChecks.Para18ConsentReasonIds;
            if (CrossChecks.UsesPara18(basis, policy) && !reader.HasError(FieldIds.ConsentReasons) && !reasons.Any(r => para18.Contains(r, StringComparer.Ordinal)))
            {
                reader.Error(FieldIds.ConsentReasons, "Schedule 1 paragraph 18 (chosen at step 5) needs one of these reasons: " + Titles(para18, lists.ConsentExceptionReasons) + ".");
            }

            // Cross-check 3: paragraph 10 needs the crime-prejudice reason.
            var para10 = policy.CrossChecks.Para10ConsentReasonIds;
            if (CrossChecks.UsesPara10(basis, policy) && !reader.HasError(FieldIds.ConsentReasons) && !reasons.Any(r => para10.Contains(r, StringComparer.Ordinal)))
            {
                reader.Error(FieldIds.ConsentReasons, "Schedule 1 paragraph 10 (chosen at step 5) needs this reason: " + Titles(para10, lists.ConsentExceptionReasons) + ".");
            }
        }

        if (statusId is null || informedId is null || reader.Errors.Count > 0)
        {
            return answers;
        }

        return answers with
        {
            Consent = new ConsentAnswers
            {
                ConsentStatusId = statusId,
                ConsentGivenBy = givenBy,
                ConsentHow = how,
                ConsentGivenOn = givenOn,
                ReasonIds = reasons,
                InformedId = informedId,
                InformedReasonIds = informedReasons,
                InformedReason = informedReasons.Count == 0 ? null : string.Join("; ", informedReasons.Select(id => lists.ConsentExceptionReasons.First(r => r.Id == id).Title)),
                InformedReviewDate = reviewDate,
                Views = views,
            },
        };
    }

    private static DraftAnswers Advice(FieldReader reader, DraftAnswers answers, PolicyDocument policy, DateOnly todayUk)
    {
        var lists = policy.Lists;
        var adviceId = reader.Choice(FieldIds.Advice, lists.AdviceOptions.Select(a => a.Id));
        var advice = lists.AdviceOptions.FirstOrDefault(a => a.Id == adviceId);
        string? role = null;
        bool? identified = null;
        string? summary = null;
        if (advice is { Sought: true })
        {
            role = reader.Text(FieldIds.AdviserRole, policy.Limits.ShortText, required: true, "Say the adviser's role (not their name).");
            identified = reader.YesNo(FieldIds.AdviceIdentified);
            summary = reader.Text(FieldIds.AdviceSummary, policy.Limits.Summary, required: true, "Give a short summary of the advice.");
        }

        var deadlineId = reader.Choice(FieldIds.Deadline, lists.Deadlines.Select(d => d.Id));
        var deadline = lists.Deadlines.FirstOrDefault(d => d.Id == deadlineId);
        var urgent = Deadlines.UrgentPurposes(answers, policy);
        if (deadline is { Kind: DeadlineKind.Routine } && urgent.Count > 0)
        {
            reader.Error(FieldIds.Deadline, string.Join("; ", urgent.Select(p => p.Title)) + " " + policy.Urgency.RoutineRefusal);
        }

        DateOnly? date = null;
        if (deadline is { Kind: DeadlineKind.ByDate })
        {
            date = reader.FutureDate(FieldIds.DeadlineDate, todayUk, required: true, "Choose the date by which a decision is needed.");
        }

        if (adviceId is null || deadlineId is null || reader.Errors.Count > 0)
        {
            return answers;
        }

        return answers with
        {
            Advice = new AdviceAnswers
            {
                AdviceId = adviceId,
                AdviserRole = role,
                PersonIdentified = identified,
                AdviceSummary = summary,
                DeadlineId = deadlineId,
                DeadlineDate = date,
            },
        };
    }

    private static string Titles(IReadOnlyList<string> ids, IReadOnlyList<ChoiceItem> items) =>
        string.Join("; ", ids.Select(id => "'" + (items.FirstOrDefault(i => i.Id == id)?.Title ?? id) + "'"));
}
