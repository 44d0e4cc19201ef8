using System.Globalization;
using System.Text.RegularExpressions;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Records.Export;

/// <summary>
/// Reads the export's query parameters into a <see cref="RecordFilter"/>, or says what is wrong with each.
/// <c>from</c> and <c>to</c> take a UK calendar date (<c>2026-03-01</c>: the whole UK day, <c>to</c> inclusive) or an
/// ISO 8601 instant with an offset (<c>2026-03-01T09:00:00Z</c>; <c>to</c> exclusive). Pure.
/// </summary>
public static partial class RecordFilterParser
{
    public static readonly IReadOnlyList<string> Statuses = [RequestStatus.Pending, RequestStatus.MoreInfoRequested, RequestStatus.Approved, RequestStatus.Declined];
    public static readonly IReadOnlyList<string> Decisions = [RequestStatus.Approved, RequestStatus.Declined, "none"];

    public static RecordFilter? TryParse(string? status, string? decision, string? matterType, string? type, string? from, string? to, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        status = Blank(status);
        decision = Blank(decision);
        matterType = Blank(matterType);
        type = Blank(type);
        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            errors["status"] = [$"status must be one of: {string.Join(", ", Statuses)}."];
        }

        if (decision is not null && !Decisions.Contains(decision, StringComparer.Ordinal))
        {
            errors["decision"] = [$"decision must be one of: {string.Join(", ", Decisions)}."];
        }

        if (matterType is not null && !Identifier().IsMatch(matterType))
        {
            errors["matterType"] = ["matterType must be a policy id such as safeguarding-child (lower-case letters, digits and hyphens)."];
        }

        if (type is not null && !Identifier().IsMatch(type))
        {
            errors["type"] = ["type must be a record type such as request."];
        }

        var fromUtc = Instant(Blank(from), isEnd: false, "from", errors);
        var toUtc = Instant(Blank(to), isEnd: true, "to", errors);
        if (fromUtc is { } f && toUtc is { } t && f >= t)
        {
            errors["to"] = ["to must be after from."];
        }

        return errors.Count > 0 ? null : new RecordFilter
        {
            Status = status,
            Decision = decision,
            MatterType = matterType,
            Type = type,
            SubmittedFromUtc = fromUtc,
            SubmittedToUtc = toUtc,
        };
    }

    /// <summary>
    /// Adds the records tab's search (a reference or case reference, or the start of one), requester (an Entra object
    /// id, or the start of the display name) and purpose (an id of <paramref name="purposeIds"/>) to <paramref name="filter"/>; null with the errors added
    /// when one is not acceptable.
    /// </summary>
    public static RecordFilter? TryRefine(RecordFilter filter, string? search, string? requester, string? purpose, IReadOnlyCollection<string> purposeIds, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(purposeIds);
        ArgumentNullException.ThrowIfNull(errors);
        search = Blank(search);
        requester = Blank(requester);
        purpose = Blank(purpose);
        if (search is not null && (search.Length < 2 || search.Length > 64 || !SearchText().IsMatch(search)))
        {
            errors["q"] = ["Search for a reference or case reference: 2 to 64 letters, digits, hyphens, slashes or dots."];
        }

        if (requester is not null && requester.Length > 100)
        {
            errors["requester"] = ["requester must be an Entra object id or the start of a name (at most 100 characters)."];
        }

        if (purpose is not null && !purposeIds.Contains(purpose, StringComparer.Ordinal))
        {
            errors["purpose"] = ["purpose must be one of the policy's purposes."];
        }

        return errors.Count > 0 ? null : filter with { Search = search, Requester = requester, PurposeId = purpose };
    }

    private static DateTime? Instant(string? value, bool isEnd, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (isEnd ? UkTime.EndOfDayUtc(date) : UkTime.EndOfDayUtc(date.AddDays(-1))).UtcDateTime;
        }

        if (value.Contains('T', StringComparison.Ordinal) && (value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T', StringComparison.Ordinal))
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant.UtcDateTime;
        }

        errors[name] = [$"{name} must be a date (yyyy-MM-dd, a UK day) or an instant with an offset (e.g. 2026-03-01T09:00:00Z)."];
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9/._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SearchText();
}
