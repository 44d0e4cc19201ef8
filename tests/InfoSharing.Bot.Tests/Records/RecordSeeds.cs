using System.Text.Json;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Storage;
using Microsoft.Extensions.DependencyInjection;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>Decision records stored as the bot stores them (a real submission as the answers), for the export tests.</summary>
public static class RecordSeeds
{
    public const string Requester = "aaaaaaaa-0000-0000-0000-000000000001";
    public const string Approver = "aaaaaaaa-0000-0000-0000-000000000002";

    public static RequestSubmission Submission(string caseReference, string matterType, DateTimeOffset submittedAt, string items, string outcome, string? views = null) => new()
    {
        DraftId = Guid.NewGuid().ToString("N"),
        Requester = new DialogActor(Requester, "Paula Practitioner"),
        PolicyVersion = "2026.11.1",
        DialogVersion = 1,
        CreatedAtUtc = submittedAt.AddMinutes(-20),
        SubmittedAtUtc = submittedAt,
        ImmediateDanger = false,
        About = new AboutAnswers { MatterTypeId = matterType, DirectionId = "proposed", CaseReference = caseReference, SubjectTypeIds = ["child"] },
        What = new WhatAnswers { CategoryIds = ["living-arrangements"], ItemsDescription = items, IdentifiesOthers = false, ContainsOpinion = true },
        WithWhom = new WithWhomAnswers { RecipientTypeId = "la-childrens-social-care", RecipientRole = "MASH duty team", RecipientVerified = true, AgreementStatusId = "yes", SecureMethodId = "secure-email" },
        Why = new WhyAnswers { PurposeIds = ["child-protection-referral"], ExpectedOutcome = outcome, RiskIfNotShared = "The child may remain at risk without a strategy discussion.", MinimisationId = "no" },
        LegalBasis = new LegalBasisAnswers { Article6BasisId = "public-task", StatutoryFunctionId = "children-act-2004-s11" },
        Necessity = new NecessityAnswers
        {
            Checks = [new NecessityCheckAnswer { CheckId = "necessary", Met = true }, new NecessityCheckAnswer { CheckId = "minimum", Met = false, Explanation = "The chronology, because \"dates\" matter." }],
            Justification = "Necessary for the referral and limited to what the duty team needs to assess the risk.",
        },
        Consent = new ConsentAnswers { ConsentStatusId = "not-sought", ReasonIds = ["increase-risk"], InformedId = "after", Views = views },
        Advice = new AdviceAnswers { AdviceId = "not-needed", DeadlineId = "routine" },
        SpecialCategoryIds = [],
        CriminalOffenceCategoryIds = [],
        Routing = new RoutingDecision { DpoRequired = false, PreventLeadRequired = false, ChannelSupportConsentNote = false },
        DeadlineId = "routine",
        DeclarationAccepted = true,
    };

    public static InfoRequestRow Row(string reference, RequestSubmission s, string status = RequestStatus.Pending, DateTime? decidedAt = null) => new()
    {
        Id = Guid.CreateVersion7(),
        Reference = reference,
        Kind = "request",
        Status = status,
        RequesterAadObjectId = s.Requester.ObjectId,
        RequesterName = s.Requester.DisplayName,
        CaseReference = s.About.CaseReference,
        MatterType = s.About.MatterTypeId,
        SubjectType = string.Join(',', s.About.AllSubjectTypeIds),
        Urgency = s.DeadlineId,
        PolicyVersion = s.PolicyVersion,
        AnswersJson = JsonSerializer.Serialize(s, DialogJsonContext.Default.RequestSubmission),
        SummaryJson = JsonSerializer.Serialize(new ApprovalSummary
        {
            Reference = reference, CaseReference = s.About.CaseReference, MatterType = s.About.MatterTypeId, Urgency = "Routine",
            RequesterName = s.Requester.DisplayName, Categories = [], RecipientType = s.WithWhom.RecipientTypeId, Purposes = [],
            LegalBasis = "Public task", ConsentStatus = "Not sought", Warnings = [], PolicyVersion = s.PolicyVersion,
        }, ApprovalsJsonContext.Default.ApprovalSummary),
        DetailJson = "{\"sections\":[]}",
        CreatedAt = s.CreatedAtUtc.UtcDateTime,
        SubmittedAt = s.SubmittedAtUtc.UtcDateTime,
        Decision = RequestStatus.IsDecided(status) ? status : null,
        DecidedAt = RequestStatus.IsDecided(status) ? decidedAt ?? s.SubmittedAtUtc.UtcDateTime.AddHours(2) : null,
        DecidedByAadObjectId = RequestStatus.IsDecided(status) ? Approver : null,
        DecidedByName = RequestStatus.IsDecided(status) ? "Arnold Approver" : null,
        RetentionClass = "safeguarding-information-sharing",
        ReviewDate = s.SubmittedAtUtc.UtcDateTime.AddYears(6),
    };

    public static ApprovalActionRow Action(InfoRequestRow row, string action, DateTime at, string? reasonCode = null, string? text = null, string? conditions = null) => new()
    {
        RequestId = row.Id,
        ActorAadObjectId = Approver,
        ActorName = "Arnold Approver",
        ActorRole = "Approver",
        Action = action,
        ReasonCode = reasonCode,
        Text = text,
        Conditions = conditions,
        At = at,
    };

    public static async Task SeedAsync(RecordsHost host, IEnumerable<InfoRequestRow> rows, IEnumerable<ApprovalActionRow>? actions = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        db.Requests.AddRange(rows);
        db.ApprovalActions.AddRange(actions ?? []);
        await db.SaveChangesAsync();
    }
}
