using System.Globalization;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>The one validator of every form's values (the dialog's steps and the safeguarding forms): reads them, keeps the first error per field, and notes free text to scan for identifiers.</summary>
internal sealed class FieldReader(IReadOnlyDictionary<string, string> values)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Free-text fields (with their accepted text) to scan for likely identifiers.</summary>
    public Dictionary<string, string> FreeText { get; } = new(StringComparer.Ordinal);

    public string? Raw(string id) =>
        values.TryGetValue(id, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public void Error(string id, string message) => Errors.TryAdd(id, message);

    public bool HasError(string id) => Errors.ContainsKey(id);

    /// <summary>One id from a list; unknown or unavailable ids are refused.</summary>
    public string? Choice(string id, IEnumerable<string> allowedIds, bool required = true)
    {
        var raw = Raw(id);
        if (raw is null)
        {
            if (required)
            {
                Error(id, "Choose an option.");
            }

            return null;
        }

        if (!allowedIds.Contains(raw, StringComparer.Ordinal))
        {
            Error(id, "That option is not available. Choose one of the options shown.");
            return null;
        }

        return raw;
    }

    /// <summary>Several ids (comma-separated, as Teams sends a multi-select).</summary>
    public IReadOnlyList<string> Choices(string id, IEnumerable<string> allowedIds, bool required, string requiredMessage)
    {
        var raw = Raw(id);
        if (raw is null)
        {
            if (required)
            {
                Error(id, requiredMessage);
            }

            return [];
        }

        var allowed = allowedIds.ToList();
        var chosen = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Any(c => !allowed.Contains(c, StringComparer.Ordinal)))
        {
            Error(id, "One of those options is not available. Choose from the options shown.");
            return [];
        }

        if (required && chosen.Count == 0)
        {
            Error(id, requiredMessage);
        }

        // Keep the policy's order so that records read the same way.
        return [.. allowed.Where(chosen.Contains)];
    }

    public bool? YesNo(string id, bool required = true)
    {
        var raw = Raw(id)?.ToUpperInvariant();
        switch (raw)
        {
            case "YES" or "TRUE":
                return true;
            case "NO" or "FALSE":
                return false;
            case null when !required:
                return null;
            default:
                Error(id, "Answer yes or no.");
                return null;
        }
    }

    /// <summary>Free text within the limits (counted after trimming); scanned for identifiers unless <paramref name="scan"/> is false.</summary>
    public string? Text(string id, TextLimit limit, bool required, string? requiredMessage = null, bool scan = true)
    {
        var raw = Raw(id);
        if (raw is null)
        {
            if (required)
            {
                Error(id, requiredMessage ?? LengthMessage(limit, 0));
            }

            return null;
        }

        if (raw.Length < limit.Min || raw.Length > limit.Max)
        {
            Error(id, LengthMessage(limit, raw.Length));
        }

        if (scan)
        {
            FreeText[id] = raw;
        }

        return raw;
    }

    /// <summary>The case reference in the policy's form; text that looks like a person's details is refused at once (no confirmation).</summary>
    public string? CaseReference(string id, PolicyDocument policy, IdentifierRule rule)
    {
        var value = Text(id, policy.Limits.CaseReference, required: true, "Enter the case reference (never a name).", scan: false);
        if (value is null || HasError(id))
        {
            return value;
        }

        var found = IdentifierDetector.Detect(value, policy.IdentifierPatterns);
        if (found.Count > 0)
        {
            Error(id, $"This looks like {rule.Describe([.. found.Select(f => f.Title)])}, not a case reference. Use the reference from your case system and never the person's details.");
        }
        else if (!policy.CaseReference.Accepts(value, RegexTimeout))
        {
            Error(id, $"This is not a valid case reference. It should be {policy.CaseReference.Explained}.");
        }

        return value;
    }

    /// <summary>A date (yyyy-MM-dd) strictly after <paramref name="todayUk"/>.</summary>
    public DateOnly? FutureDate(string id, DateOnly todayUk, bool required, string requiredMessage) =>
        Date(id, required, requiredMessage, d => d > todayUk, $"Choose a date in the future (after {UkTime.FormatDate(todayUk)}).");

    /// <summary>A date (yyyy-MM-dd) on or before <paramref name="todayUk"/>.</summary>
    public DateOnly? PastDate(string id, DateOnly todayUk, bool required, string requiredMessage) =>
        Date(id, required, requiredMessage, d => d <= todayUk, $"Choose today or an earlier date (not after {UkTime.FormatDate(todayUk)}).");

    /// <summary>A date (yyyy-MM-dd) that <paramref name="allowed"/> accepts, else the field's error.</summary>
    private DateOnly? Date(string id, bool required, string requiredMessage, Func<DateOnly, bool> allowed, string notAllowed)
    {
        var raw = Raw(id);
        if (raw is null)
        {
            if (required)
            {
                Error(id, requiredMessage);
            }

            return null;
        }

        if (!DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Error(id, "Enter a valid date.");
            return null;
        }

        if (!allowed(date))
        {
            Error(id, notAllowed);
            return null;
        }

        return date;
    }

    private static string LengthMessage(TextLimit limit, int length) =>
        length == 0
            ? string.Create(CultureInfo.InvariantCulture, $"This answer is required ({limit.Min} to {limit.Max} characters).")
            : length < limit.Min
                ? string.Create(CultureInfo.InvariantCulture, $"Write at least {limit.Min} characters (you wrote {length}).")
                : string.Create(CultureInfo.InvariantCulture, $"Keep this to {limit.Max} characters or fewer (you wrote {length}).");
}
