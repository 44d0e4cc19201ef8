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
