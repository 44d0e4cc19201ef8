using System.Globalization;
using System.Text;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Dialog;

namespace InfoSharing.Bot.Records.Export;

/// <summary>
/// All matching decision records as one CSV, one row per record, every field of domain.md §8 (choices as their
/// policy ids; approver actions one per line inside their cell). Written as the records are read: nothing waits
/// for the whole export.
/// </summary>
public static class RecordCsv
{
    private static readonly (string Header, Func<RecordData, string?> Value)[] Columns =
    [
        ("reference", r => r.Row.Reference),
        ("type", r => r.Row.Kind),
        ("status", r => r.Row.Status),
        ("policy_version", r => r.Row.PolicyVersion),
        ("case_reference", r => r.Row.CaseReference),
        ("requester_aad_object_id", r => r.Row.RequesterAadObjectId),
        ("requester_name", r => r.Row.RequesterName),
        ("matter_type", r => r.Row.MatterType),
        ("direction", r => r.Submission?.About.DirectionId),
        ("subject_type", r => r.Row.SubjectType),
        ("created_at_utc", r => Utc(r.Row.CreatedAt)),
        ("submitted_at_utc", r => Utc(r.Row.SubmittedAt)),
        ("immediate_danger", r => Bool(r.Submission?.ImmediateDanger)),
        ("urgency", r => r.Row.Urgency),
        ("deadline_utc", r => Utc(r.Row.Deadline)),
        ("categories", r => Join(r.Submission?.What.CategoryIds)),
        ("special_category", r => Join(r.Submission?.SpecialCategoryIds)),
        ("criminal_offence", r => Join(r.Submission?.CriminalOffenceCategoryIds)),
        ("other_category", r => r.Submission?.What.OtherCategoryDetail),
        ("items_description", r => r.Submission?.What.ItemsDescription),
        ("identifies_others", r => Bool(r.Submission?.What.IdentifiesOthers)),
        ("others_protection", r => r.Submission?.What.OthersProtection),
        ("contains_opinion", r => Bool(r.Submission?.What.ContainsOpinion)),
        ("recipient_type", r => r.Submission?.WithWhom.RecipientTypeId),
        ("recipient_role", r => r.Submission?.WithWhom.RecipientRole),
        ("recipient_verified", r => Bool(r.Submission?.WithWhom.RecipientVerified)),
        ("agreement_status", r => r.Submission?.WithWhom.AgreementStatusId),
        ("secure_method", r => r.Submission?.WithWhom.SecureMethodId),
        ("purposes", r => Join(r.Submission?.Why.PurposeIds)),
        ("other_purpose", r => r.Submission?.Why.OtherPurposeDetail),
        ("expected_outcome", r => r.Submission?.Why.ExpectedOutcome),
        ("risk_if_not_shared", r => r.Submission?.Why.RiskIfNotShared),
        ("minimisation", r => r.Submission?.Why.MinimisationId),
        ("article6_basis", r => r.Submission?.LegalBasis.Article6BasisId),
        ("statutory_function", r => r.Submission?.LegalBasis.StatutoryFunctionId),
        ("statutory_function_detail", r => r.Submission?.LegalBasis.StatutoryFunctionDetail),
        ("article9_condition", r => r.Submission?.LegalBasis.Article9ConditionId),
        ("criminal_offence_condition", r => r.Submission?.LegalBasis.CriminalOffenceConditionId),
        ("necessity_checks", r => r.Submission is { } s ? string.Join("; ", s.Necessity.Checks.Select(Check)) : null),
        ("necessity_justification", r => r.Submission?.Necessity.Justification),
        ("consent_status", r => r.Submission?.Consent.ConsentStatusId),
        ("consent_given_by", r => r.Submission?.Consent.ConsentGivenBy),
        ("consent_how", r => r.Submission?.Consent.ConsentHow),
        ("consent_reasons", r => Join(r.Submission?.Consent.ReasonIds)),
        ("person_informed", r => r.Submission?.Consent.InformedId),
        ("person_informed_reason", r => r.Submission?.Consent.InformedReason),
        ("person_informed_review_date", r => r.Submission?.Consent.InformedReviewDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("views", r => r.Submission?.Consent.Views),
        ("advice", r => r.Submission?.Advice.AdviceId),
        ("adviser_role", r => r.Submission?.Advice.AdviserRole),
        ("advice_person_identified", r => Bool(r.Submission?.Advice.PersonIdentified)),
        ("advice_summary", r => r.Submission?.Advice.AdviceSummary),
        ("requires_dpo", r => Bool(r.Row.RequiresDpo)),
        ("requires_prevent_lead", r => Bool(r.Row.RequiresPreventLead)),
        ("warnings", r => Join(r.Submission?.Warnings.Select(w => w.Code).ToList())),
        ("approver_actions", r => string.Join("\n", r.Actions.Select(ActionLine))),
        ("decision", r => r.Row.Decision),
        ("approved_in_part", r => r.Row.Decision is null ? null : Bool(r.InPart is not null)),
        ("approved_categories", r => Join(r.ApprovedCategoryIds)),
        ("approved_recipient_types", r => Join(r.ApprovedRecipientTypeIds)),
        ("not_approved_categories", r => Join(r.InPart?.LeftOutCategoryIds)),
        ("decided_at_utc", r => Utc(r.Row.DecidedAt)),
        ("decided_by_aad_object_id", r => r.Row.DecidedByAadObjectId),
        ("decided_by_name", r => r.Row.DecidedByName),
        ("outcome", r => r.Row.OutcomeJson),
        ("retention_class", r => r.Row.RetentionClass),
        ("review_date_utc", r => Utc(r.Row.ReviewDate)),
        ("legal_hold", r => Bool(r.Row.LegalHold)),
        ("reviewed_at_utc", r => Utc(r.Row.ReviewedAt)),
        ("content_deleted_at_utc", r => Utc(r.Row.ContentDeletedAt)),
        ("standing", r => RequestStanding.Title(r.Row, r.Actions.Select(a => a.Action))),
        ("delivery_problem", r => r.Row.DeliveryProblem),
    ];

    public static IReadOnlyList<string> Headers { get; } = [.. Columns.Select(c => c.Header)];

    public static string HeaderRow() => Csv.Row(Headers);

    public static string Row(RecordData record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Csv.Row(Columns.Select(c => c.Value(record)));
    }

    /// <summary>Writes a UTF-8 CSV (with a byte-order mark, so spreadsheets read it as UTF-8), flushing after every page of records.</summary>
    public static async Task WriteAsync(IAsyncEnumerable<RecordData> records, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(HeaderRow().AsMemory(), cancellationToken);
        var written = 0;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(Row(record).AsMemory(), cancellationToken);
            if (++written % RecordQuery.PageSize == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string ActionLine(Storage.ApprovalActionRow a) => string.Join(" | ",
        Utc(a.At), a.ActorAadObjectId, a.ActorName ?? "", a.ActorRole ?? "", a.Action, a.ReasonCode ?? "", a.Text ?? "", a.Conditions ?? "");

    private static string Check(NecessityCheckAnswer c) =>
        c.CheckId + "=" + (c.Met ? "yes" : "no") + (string.IsNullOrEmpty(c.Explanation) ? "" : $" ({c.Explanation})");

    private static string? Utc(DateTime? t) => t?.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string? Bool(bool? b) => b switch { true => "yes", false => "no", null => null };

    private static string? Join(IReadOnlyList<string>? ids) => ids is null ? null : string.Join(";", ids);
}
