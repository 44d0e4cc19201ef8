using System.Text.Json;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Storage;

namespace InfoSharing.Bot.Records.Export;

/// <summary>One decision record as stored: the request row and its approver actions in order.</summary>
public sealed record RecordData(InfoRequestRow Row, IReadOnlyList<ApprovalActionRow> Actions)
{
    /// <summary>The submitted answers, or null when they are not a request submission (removed, or another record type).</summary>
    public RequestSubmission? Submission { get; } = ReadSubmission(Row.AnswersJson);

    public bool ContentDeleted => Row.ContentDeletedAt is not null;

    /// <summary>Set when the request was approved in part (§7.1): what was approved and what was left out.</summary>
    public Cards.InPartSummary? InPart { get; } = ReadInPart(Row.SummaryJson);

    /// <summary>After approval: the categories approved (all those asked for, or those an approval in part kept); else null.</summary>
    public IReadOnlyList<string>? ApprovedCategoryIds => Row.Decision == Workflow.RequestStatus.Approved ? InPart?.CategoryIds ?? Submission?.What.CategoryIds : null;

    /// <summary>After approval: the recipient types approved.</summary>
    public IReadOnlyList<string>? ApprovedRecipientTypeIds => Row.Decision == Workflow.RequestStatus.Approved
        ? InPart?.RecipientTypeIds ?? (Submission is { } s ? [s.WithWhom.RecipientTypeId] : null)
        : null;

    private static Cards.InPartSummary? ReadInPart(string? json)
    {
        try
        {
            return string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize(json, Cards.ApprovalsJsonContext.Default.ApprovalSummary)?.InPart;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RequestSubmission? ReadSubmission(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, DialogJsonContext.Default.RequestSubmission);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
