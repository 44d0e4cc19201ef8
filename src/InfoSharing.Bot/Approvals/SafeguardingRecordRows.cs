using System.Text.Json;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Storage;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Approvals;

/// <summary>The practitioner who makes a record, and the 1:1 chat it belongs to (where they are told about it).</summary>
public sealed record RecordMaker(string ObjectId, string? UserId, string Name, string ConversationKey);

/// <summary>
/// What a safeguarding record holds when the practitioner makes it (stored in <see cref="SafeguardingStatus.FromDraft"/>
/// and moved on by the decision workflow in the same transaction), and what their later records add to it.
/// </summary>
public sealed partial class SafeguardingRecords
{
    /// <summary>A declared emergency: the record exists at once, its retrospective record due.</summary>
    public InfoRequestRow NewEmergency(string reference, RecordMaker maker, StartEmergencyEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var row = New(reference, RecordKinds.Emergency, maker, policy.Version, effect.StartedAtUtc.UtcDateTime, submittedAt: null);
        row.Deadline = effect.RetrospectiveRecordDueUtc.UtcDateTime;
        row.DetailJson = JsonSerializer.Serialize(new ApprovalDetail { Sections = [] }, ApprovalsJsonContext.Default.ApprovalDetail);
        row.SummaryJson = JsonSerializer.Serialize(EmergencySummary(row, null, null), ApprovalsJsonContext.Default.ApprovalSummary);
        return row;
    }

    /// <summary>An anonymised consultation: no case reference, nothing that identifies the person.</summary>
    public InfoRequestRow NewAdvice(string reference, RecordMaker maker, AdviceConsultation consultation, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var row = New(reference, RecordKinds.Advice, maker, policy.Version, at, at);
        row.MatterType = consultation.MatterTypeId;
        row.AnswersJson = JsonSerializer.Serialize(consultation, DialogJsonContext.Default.AdviceConsultation);
        row.SummaryJson = JsonSerializer.Serialize(AdviceSummary(reference, maker.Name, consultation), ApprovalsJsonContext.Default.ApprovalSummary);
        row.DetailJson = JsonSerializer.Serialize(Detail(row), ApprovalsJsonContext.Default.ApprovalDetail);
        return row;
    }

    /// <summary>A decision not to share (§3.1): the draft's answers so far and the reasons, kept as the retention rules say.</summary>
    public InfoRequestRow NewNotShared(string reference, RecordMaker maker, NotSharedDecision decision, DateTime at, IRetentionSchedule retention)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(retention);
        var row = New(reference, RecordKinds.NotShared, maker, decision.PolicyVersion, decision.DraftCreatedAtUtc.UtcDateTime, at);
        row.CaseReference = decision.Answers.About?.CaseReference ?? string.Empty;
        row.MatterType = decision.Answers.About?.MatterTypeId ?? RecordKinds.NotShared;
        row.SubjectType = decision.Answers.About is { } about ? string.Join(',', about.AllSubjectTypeIds) : null;
        row.AnswersJson = JsonSerializer.Serialize(decision, DialogJsonContext.Default.NotSharedDecision);
        row.SummaryJson = JsonSerializer.Serialize(NotSharedSummary(reference, maker.Name, decision), ApprovalsJsonContext.Default.ApprovalSummary);
        row.RetentionClass = retention.ClassFor(RecordKinds.NotShared);
        row.ReviewDate = retention.ReviewDateFor(RecordKinds.NotShared, at);
        row.DetailJson = JsonSerializer.Serialize(Detail(row), ApprovalsJsonContext.Default.ApprovalDetail);
        return row;
    }

    /// <summary>The short retrospective record of an emergency, added to <paramref name="fresh"/>.</summary>
    public RecordPatch AfterEmergencyRecord(InfoRequestRow fresh, EmergencyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var answers = JsonSerializer.Serialize(record, DialogJsonContext.Default.EmergencyRecord);
        return new RecordPatch(JsonSerializer.Serialize(Detail(WithJson(fresh, answers, null)), ApprovalsJsonContext.Default.ApprovalDetail), null)
        {
            AnswersJson = answers,
            SummaryJson = JsonSerializer.Serialize(EmergencySummary(fresh, record, null), ApprovalsJsonContext.Default.ApprovalSummary),
            CaseReference = record.CaseReference ?? string.Empty,
            MarkSubmitted = true,
            MarkOutcomeRecorded = !record.Shared,
        };
    }

    /// <summary>The full record of an emergency sharing, added to <paramref name="fresh"/> (its short record given before).</summary>
    public RecordPatch AfterEmergencyFull(InfoRequestRow fresh, EmergencyRecord record, EmergencyFullRecord full)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        var json = JsonSerializer.Serialize(full, DialogJsonContext.Default.EmergencyFullRecord);
        return new RecordPatch(JsonSerializer.Serialize(Detail(WithJson(fresh, fresh.AnswersJson, json)), ApprovalsJsonContext.Default.ApprovalDetail), json)
        {
            SummaryJson = JsonSerializer.Serialize(EmergencySummary(fresh, record, full), ApprovalsJsonContext.Default.ApprovalSummary),
            MarkOutcomeRecorded = true,
        };
    }

    /// <summary>What happened after approval, recorded by the practitioner.</summary>
    public static RecordPatch AfterOutcome(OutcomeRecord outcome) =>
        new(null, JsonSerializer.Serialize(outcome, DialogJsonContext.Default.OutcomeRecord)) { MarkOutcomeRecorded = true };

    private static InfoRequestRow New(string reference, string kind, RecordMaker maker, string policyVersion, DateTime createdAt, DateTime? submittedAt)
    {
        ArgumentNullException.ThrowIfNull(maker);
        return new InfoRequestRow
        {
            Id = Guid.CreateVersion7(),
            Reference = reference,
            Kind = kind,
            Status = SafeguardingStatus.FromDraft,
            RequesterAadObjectId = maker.ObjectId,
            RequesterUserId = maker.UserId,
            RequesterName = maker.Name,
            RequesterConversationKey = maker.ConversationKey,
            CaseReference = string.Empty,
            MatterType = kind,
            Urgency = kind,
            PolicyVersion = policyVersion,
            AnswersJson = "{}",
            SummaryJson = "{}",
            DetailJson = "{}",
            CreatedAt = createdAt,
            SubmittedAt = submittedAt,
        };
    }
}
