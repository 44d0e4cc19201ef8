using System.Text.Json;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Approvals;

/// <summary>
/// Reads emergency records and advice consultations (and a request's approved scope and outcome) from the decision
/// record, and turns them into what the approvers' cards and the stored summary show. The summary is shaped like a
/// request's (ApprovalSummary) so every record type reads the same way; it holds titles and flags, never free text.
/// </summary>
public sealed partial class SafeguardingRecords(ApprovalRecords requests, PolicyDocument policy)
{
    public async Task<RecordCardModel> ModelAsync(InfoRequestRow row, IReadOnlyList<string> refreshUserIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Model(row, await requests.ActionsAsync(row.Id, cancellationToken), refreshUserIds, now);
    }

    public RecordCardModel Model(InfoRequestRow row, IReadOnlyList<ApprovalActionRow> actions, IReadOnlyList<string> refreshUserIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(actions);
        var history = actions.Select(a => new ApprovalActionView(a.ActorName ?? "someone", RecordActionKinds.Title(a.Action), a.At, null, null)).ToList();
        var acted = actions.LastOrDefault(a => a.Action is RecordActionKinds.Acknowledged or RecordActionKinds.Concern or RecordActionKinds.AdviceAnswered);
        return row.Kind == RecordKinds.Advice ? AdviceModel(row, history, acted, refreshUserIds) : EmergencyModel(row, history, acted, refreshUserIds, now);
    }

    public ApprovalDetail Detail(InfoRequestRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        static DetailItem I(string label, string? value) => new(label, string.IsNullOrWhiteSpace(value) ? "—" : value);
        var l = policy.Lists;
        if (row.Kind == RecordKinds.Advice)
        {
            var consultation = Read(row.AnswersJson, DialogJsonContext.Default.AdviceConsultation);
            var answer = Read(row.OutcomeJson, DialogJsonContext.Default.AdviceAnswer);
            var sections = new List<DetailSection>
            {
                new("Consultation", [I("The concern", consultation?.Description), I("Question", consultation?.Question)]),
            };
            if (answer is not null)
            {
                sections.Add(new("Answer", [
                    I("Suggested outcome", Title(policy.Safeguarding.AdviceOutcomes, answer.SuggestedOutcomeId)),
                    I("Advice", answer.Text),
                ]));
            }

            return new ApprovalDetail { Sections = sections };
        }

        if (row.Kind == RecordKinds.NotShared)
        {
            var decision = NotShared(row);
            return new ApprovalDetail
            {
                Sections = [new("Decision not to share", [
                    I("Reasons", decision is null ? null : string.Join("; ", NotSharedForm.Titles(decision.ReasonIds))),
                    I("Why, in a sentence", decision?.Why),
                    I("Answers given so far", decision is null ? null : $"up to the step \"{StepForms.Title(decision.LastStep, policy)}\""),
                ])],
            };
        }

        var record = ShortRecord(row);
        var full = FullRecord(row);
        var result = new List<DetailSection>();
        if (record is { Shared: false })
        {
            result.Add(new("Retrospective record", [I("Nothing was shared", record.NotSharedReason)]));
        }
        else if (record is not null)
        {
            result.Add(new("Retrospective record", [
                I("Recipient team or role", record.RecipientRole),
                I("Authorised verbally by", record.AuthorisedVerbally == true ? record.AuthorisedByRole : "No one"),
            ]));
        }

        if (full is not null)
        {
            result.Add(new("Full record", [
                I("What was shared", full.ItemsDescription),
                I("Why it could not wait", full.WhyItCouldNotWait),
                I("Lawful basis", Title(l.Article6Bases, full.Article6BasisId)),
                I("Article 9 condition", full.Article9ConditionId is { } a9 ? Title(l.Article9Conditions, a9) : null),
                I("Criminal offence condition", full.CriminalOffenceConditionId is { } a10 ? Title(l.CriminalOffenceConditions, a10) : null),
                I("Will the person be told", Title(l.InformedOptions, full.InformedId)),
                I("Why not / when", full.InformedReason),
                I("Where the content is kept", full.ContentLocation),
            ]));
        }

        return new ApprovalDetail { Sections = result };
    }

    /// <summary>The stored summary of an emergency record (request-shaped; titles and flags only).</summary>
    public ApprovalSummary EmergencySummary(InfoRequestRow row, EmergencyRecord? record, EmergencyFullRecord? full)
    {
        ArgumentNullException.ThrowIfNull(row);
        var l = policy.Lists;
        var legal = full is null ? "—" : Title(l.Article6Bases, full.Article6BasisId)
            + (full.Article9ConditionId is { } a9 ? "; Art. 9: " + Title(l.Article9Conditions, a9) : string.Empty)
            + (full.CriminalOffenceConditionId is { } a10 ? "; Art. 10: " + Title(l.CriminalOffenceConditions, a10) : string.Empty);
        return new ApprovalSummary
        {
            Reference = row.Reference,
            CaseReference = record?.CaseReference ?? "—",
            MatterType = "Emergency sharing without prior approval",
            Urgency = "Emergency",
            Deadline = row.Deadline is { } due ? ApprovalCards.FormatUk(due) : null,
            RequesterName = row.RequesterName ?? "Practitioner",
            Categories = Badges(record?.CategoryIds ?? []),
            RecipientType = record?.RecipientTypeId is { } r ? Title(l.RecipientTypes, r) : "—",
            Purposes = ["Emergency / vital interests"],
            LegalBasis = legal,
            ConsentStatus = "—",
            Warnings = Warnings(record),
            PolicyVersion = row.PolicyVersion,
        };
    }

    /// <summary>The stored summary of an advice consultation: no case reference, identity not disclosed.</summary>
    public ApprovalSummary AdviceSummary(string reference, string requesterName, AdviceConsultation consultation)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var l = policy.Lists;
        return new ApprovalSummary
        {
            Reference = reference,
            CaseReference = "none (anonymised)",
            MatterType = Title(l.MatterTypes, consultation.MatterTypeId),
            Urgency = "Advice",
            RequesterName = requesterName,
            Categories = Badges(consultation.CategoryIds),
            RecipientType = consultation.RecipientTypeId is { } r ? Title(l.RecipientTypes, r) : "—",
            Purposes = [],
            LegalBasis = "—",
            ConsentStatus = "—",
            Warnings = ["Identity disclosed: no"],
            PolicyVersion = policy.Version,
        };
    }

    /// <summary>The stored summary of a decision not to share: what the draft had said so far (titles only), no approval.</summary>
    public ApprovalSummary NotSharedSummary(string reference, string requesterName, NotSharedDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var l = policy.Lists;
        var a = decision.Answers;
        return new ApprovalSummary
        {
            Reference = reference,
            CaseReference = a.About?.CaseReference ?? "—",
            MatterType = a.About is { } about ? Title(l.MatterTypes, about.MatterTypeId) : "—",
            Urgency = "Not shared",
            RequesterName = requesterName,
            Categories = Badges(a.What?.CategoryIds ?? []),
            RecipientType = a.WithWhom is { } w ? Title(l.RecipientTypes, w.RecipientTypeId) : "—",
            Purposes = [.. (a.Why?.PurposeIds ?? []).Select(id => l.Purposes.FirstOrDefault(p => p.Id == id)?.Title ?? id)],
            LegalBasis = "—",
            ConsentStatus = "—",
            Warnings = [.. NotSharedForm.Titles(decision.ReasonIds).Select(r => "Not shared: " + r)],
            PolicyVersion = decision.PolicyVersion,
        };
    }

    public static NotSharedDecision? NotShared(InfoRequestRow row) => Read(row.AnswersJson, DialogJsonContext.Default.NotSharedDecision);

    public static EmergencyRecord? ShortRecord(InfoRequestRow row) => Read(row.AnswersJson, DialogJsonContext.Default.EmergencyRecord) is { } r && (r.Shared || r.NotSharedReason is not null) ? r : null;

    public static EmergencyFullRecord? FullRecord(InfoRequestRow row) => Read(row.OutcomeJson, DialogJsonContext.Default.EmergencyFullRecord);

    public static AdviceConsultation? Consultation(InfoRequestRow row) => Read(row.AnswersJson, DialogJsonContext.Default.AdviceConsultation);

    public static AdviceAnswer? Answer(InfoRequestRow row) => Read(row.OutcomeJson, DialogJsonContext.Default.AdviceAnswer);

    public static RequestSubmission? Submission(InfoRequestRow row) => Read(row.AnswersJson, DialogJsonContext.Default.RequestSubmission);

    /// <summary>What a request's approval covered (from its submitted answers, limited by an approval in part).</summary>
    public static ApprovedScope? Scope(InfoRequestRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (Submission(row) is not { } s)
        {
            return null;
        }

        var scope = new ApprovedScope(s.What.CategoryIds, s.WithWhom.RecipientTypeId, s.WithWhom.SecureMethodId, s.SubmittedAtUtc);
        return Read(row.SummaryJson, ApprovalsJsonContext.Default.ApprovalSummary)?.InPart is { } inPart
            ? scope with
            {
                CategoryIds = [.. s.What.CategoryIds.Where(c => inPart.CategoryIds.Contains(c, StringComparer.Ordinal))],
                NotApprovedCategoryIds = [.. s.What.CategoryIds.Where(c => !inPart.CategoryIds.Contains(c, StringComparer.Ordinal))],
            }
            : scope;
    }

    public string Title(IReadOnlyList<ChoiceItem> list, string? id) => T(list, id, x => x.Id, x => x.Title);

    public string Title(IReadOnlyList<RecipientType> list, string? id) => T(list, id, x => x.Id, x => x.Title);

    public string Title(IReadOnlyList<SecureMethod> list, string? id) => T(list, id, x => x.Id, x => x.Title);

    public string Title(IReadOnlyList<Article6Basis> list, string? id) => T(list, id, x => x.Id, x => x.Title);

    public string Title(IReadOnlyList<LegalCondition> list, string? id) => T(list, id, x => x.Id, x => x.Title);

    public string Title(IReadOnlyList<InformedOption> list, string? id) => T(list, id, x => x.Id, x => x.Title);

    /// <summary>A record with other stored JSON (to describe it before the change is saved).</summary>
    public static InfoRequestRow WithJson(InfoRequestRow row, string answers, string? outcome) => new()
    {
        Id = row.Id,
        Reference = row.Reference,
        Kind = row.Kind,
        Status = row.Status,
        RequesterAadObjectId = row.RequesterAadObjectId,
        CaseReference = row.CaseReference,
        MatterType = row.MatterType,
        PolicyVersion = row.PolicyVersion,
        AnswersJson = answers,
        OutcomeJson = outcome,
        SummaryJson = row.SummaryJson,
        DetailJson = row.DetailJson,
    };

    private RecordCardModel EmergencyModel(InfoRequestRow row, List<ApprovalActionView> history, ApprovalActionRow? acted, IReadOnlyList<string> refresh, DateTimeOffset now)
    {
        var l = policy.Lists;
        var record = ShortRecord(row);
        var full = FullRecord(row);
        var statusLine = row.Status switch
        {
            SafeguardingStatus.Acknowledged => $"Acknowledged by {acted?.ActorName} on {ApprovalCards.FormatUk(acted?.At ?? default)}",
            SafeguardingStatus.ConcernRaised => $"Concern raised by {acted?.ActorName} on {ApprovalCards.FormatUk(acted?.At ?? default)}",
            SafeguardingStatus.NothingShared => "Nothing was shared after all",
            SafeguardingStatus.RecordDue => "Emergency declared: the retrospective record has not been given yet",
            _ => "Retrospective review: awaiting an approver (acknowledge, or raise a concern)",
        };
        var fullLine = row.Status == SafeguardingStatus.NothingShared ? "Not needed"
            : row.OutcomeRecordedAt is { } given ? $"Given on {ApprovalCards.FormatUk(given)}"
            : row.Deadline is { } due ? (now.UtcDateTime > due ? $"Overdue (was due by {ApprovalCards.FormatUk(due)})" : $"Due by {ApprovalCards.FormatUk(due)}")
            : "Due";
        var facts = new List<(string, string)>
        {
            ("Case reference", record?.CaseReference ?? "—"),
            ("Recorded by", row.RequesterName ?? "Practitioner"),
        };
        if (record is { Shared: true })
        {
            facts.Add(("Information shared", SafeguardingCards.Categories(Badges(record.CategoryIds))));
            facts.Add(("Shared with", record.RecipientTypeId is { } r ? Title(l.RecipientTypes, r) : "—"));
            facts.Add(("When", record.SharedAtUtc is { } at ? UkTime.Format(at) : "—"));
            facts.Add(("How", record.MethodId is { } m ? Title(l.SecureMethods, m) : "—"));
            facts.Add(("Authorised verbally", record.AuthorisedVerbally switch { true => "Yes (role in the details)", false => "No", null => "Not said" }));
        }

        facts.Add(("Emergency declared", ApprovalCards.FormatUk(row.CreatedAt)));
        facts.Add(("Full record", fullLine));
        facts.Add(("Policy version", row.PolicyVersion));
        var warnings = Warnings(record).ToList();
        if (row.OutcomeRecordedAt is null && row.Deadline is { } d && now.UtcDateTime > d && row.Status != SafeguardingStatus.NothingShared)
        {
            warnings.Add("The full record is overdue.");
        }

        return new RecordCardModel
        {
            RecordId = row.Id,
            Kind = RecordKinds.Emergency,
            Reference = row.Reference,
            Status = row.Status,
            Title = $"Retrospective review: emergency sharing {row.Reference}",
            StatusLine = statusLine,
            Intro = policy.Safeguarding.Texts.ReviewIntro,
            Facts = facts,
            Warnings = warnings,
            History = history,
            DeliveryProblem = row.DeliveryProblem,
            AwaitingApprovers = row.Status == SafeguardingStatus.ReviewPending,
            RefreshUserIds = refresh,
        };
    }

    private RecordCardModel AdviceModel(InfoRequestRow row, List<ApprovalActionView> history, ApprovalActionRow? acted, IReadOnlyList<string> refresh)
    {
        var l = policy.Lists;
        var consultation = Consultation(row);
        var answer = Answer(row);
        var statusLine = answer is not null
            ? $"Answered by {acted?.ActorName} on {ApprovalCards.FormatUk(acted?.At ?? default)}: suggested outcome {Title(policy.Safeguarding.AdviceOutcomes, answer.SuggestedOutcomeId)}"
            : "Awaiting advice from an approver";
        var facts = new List<(string, string)>
        {
            ("Age band", consultation is null ? "—" : Title(policy.Safeguarding.AgeBands, consultation.AgeBandId)),
            ("Matter", consultation is null ? "—" : Title(l.MatterTypes, consultation.MatterTypeId)),
            ("Thinking of sharing", consultation is { CategoryIds.Count: > 0 } ? SafeguardingCards.Categories(Badges(consultation.CategoryIds)) : "Not said"),
            ("With", consultation?.RecipientTypeId is { } r ? Title(l.RecipientTypes, r) : "Not said"),
            ("Identity disclosed", "No"),
            ("Asked by", row.RequesterName ?? "Practitioner"),
            ("Asked on", ApprovalCards.FormatUk(row.SubmittedAt ?? row.CreatedAt)),
            ("Policy version", row.PolicyVersion),
        };
        return new RecordCardModel
        {
            RecordId = row.Id,
            Kind = RecordKinds.Advice,
            Reference = row.Reference,
            Status = row.Status,
            Title = $"Advice requested {row.Reference} (anonymised)",
            StatusLine = statusLine,
            Intro = answer is null ? "The practitioner has not identified the person. Read the question, then answer with a suggested outcome." : null,
            Facts = facts,
            History = history,
            DeliveryProblem = row.DeliveryProblem,
            AwaitingApprovers = row.Status == SafeguardingStatus.AwaitingAdvice,
            RefreshUserIds = refresh,
        };
    }

    private List<string> Warnings(EmergencyRecord? record)
    {
        var warnings = new List<string>();
        if (record?.MethodId is { } method && policy.Lists.SecureMethods.FirstOrDefault(m => m.Id == method) is { Allowed: false } insecure)
        {
            warnings.Add($"Shared by a method that is not secure: {insecure.Title}.");
        }

        if (record is { Shared: true, AuthorisedVerbally: false })
        {
            warnings.Add("No one authorised the sharing verbally.");
        }

        return warnings;
    }

    private List<CategoryBadge> Badges(IReadOnlyList<string> ids) =>
        [.. ids.Select(id => policy.Lists.DataCategories.FirstOrDefault(c => c.Id == id) is { } c
            ? new CategoryBadge(c.Title, c.SpecialCategory, c.CriminalOffence)
            : new CategoryBadge(id, false, false))];

    private static T? Read<T>(string? json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(json) || json == "{}")
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string T<TItem>(IReadOnlyList<TItem> list, string? id, Func<TItem, string> idOf, Func<TItem, string> titleOf) =>
        list.FirstOrDefault(x => string.Equals(idOf(x), id, StringComparison.Ordinal)) is { } item ? titleOf(item) : id ?? "—";
}
