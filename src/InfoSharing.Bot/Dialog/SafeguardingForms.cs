using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// What the safeguarding forms share (pure): reading a card submit, the field builders, UK local time to UTC, and
/// the identifier rule of cross-check 8 (warn once, refuse the second time unless the practitioner confirms).
/// </summary>
public static class SafeguardingForms
{
    /// <summary>The key, in a form's submit data, of the fields already warned about.</summary>
    public const string WarnedKey = "warned";

    private const int MaxInputLength = PolicyValidator.MaxTextLimit;
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>Only the form's own inputs (and their confirmation boxes), as strings, bounded in length.</summary>
    public static Dictionary<string, string> Values(JsonObject submitted, IReadOnlyList<FormField> fields)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(fields);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            foreach (var id in new[] { field.Id, field.Id + CardData.NoIdentifierConfirmSuffix })
            {
                var value = ReadString(submitted, id);
                if (value is not null)
                {
                    values[id] = value.Length > MaxInputLength ? value[..MaxInputLength] : value;
                }
            }
        }

        return values;
    }

    /// <summary>The fields a re-shown card said were already warned about.</summary>
    public static IReadOnlyList<string> Warned(JsonObject submitted)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        return (ReadString(submitted, WarnedKey) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static string? ReadString(JsonObject values, string key)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        return node switch
        {
            JsonValue value => value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number => value.ToJsonString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            },
            JsonArray array => string.Join(',', array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())),
            _ => null,
        };
    }

    /// <summary>
    /// Applies cross-check 8 to the free text the reader accepted and builds the value when nothing blocks it.
    /// <paramref name="caseReferenceIsIdentifier"/>: in an anonymised consultation a case reference identifies the person too.
    /// </summary>
    internal static FormOutcome<T> Finish<T>(FieldReader reader, IReadOnlyDictionary<string, string> values, IReadOnlyList<string> warned,
        PolicyDocument policy, Func<IReadOnlyList<string>, T> build, bool caseReferenceIsIdentifier = false, WiderScope? wider = null)
        where T : class
    {
        var errors = new Dictionary<string, string>(reader.Errors, StringComparer.Ordinal);
        var warnings = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnedNow = new List<string>();
        var confirmed = new List<string>();
        foreach (var (field, text) in reader.FreeText)
        {
            var hits = IdentifierDetector.Detect(text, policy.IdentifierPatterns).Select(p => p.Title).ToList();
            if (caseReferenceIsIdentifier && ContainsCaseReference(text, policy.CaseReference.Pattern))
            {
                hits.Add("a case reference");
            }

            if (hits.Count == 0)
            {
                continue;
            }

            var described = Describe(hits);
            if (values.TryGetValue(field + CardData.NoIdentifierConfirmSuffix, out var tick) && string.Equals(tick, "true", StringComparison.OrdinalIgnoreCase))
            {
                confirmed.Add(field);
                continue;
            }

            warnedNow.Add(field);
            if (warned.Contains(field, StringComparer.Ordinal))
            {
                errors.TryAdd(field, $"Refused: this still looks like it contains {described}. Remove it, or tick the box below to confirm it contains no identifying information.");
                warnings[field] = $"This may contain {described}.";
            }
            else
            {
                warnings[field] = $"This may contain {described}. Do not include anything that could identify the person or anyone else. Change it, or tick the box to confirm it contains no identifying information.";
            }
        }

        var accepted = errors.Count == 0 && warnings.Count == 0 && wider is null;
        return new FormOutcome<T>
        {
            Value = accepted ? build(confirmed) : null,
            Errors = errors,
            Warnings = warnings,
            Warned = warnedNow,
            Confirmed = confirmed,
            Wider = wider,
        };
    }

    /// <summary>"a UK postcode", "a UK postcode and a date" or "a, b and c".</summary>
    public static string Describe(IReadOnlyList<string> titles)
    {
        ArgumentNullException.ThrowIfNull(titles);
        return titles.Count switch
        {
            0 => "nothing",
            1 => titles[0],
            _ => string.Join(", ", titles.Take(titles.Count - 1)) + " and " + titles[^1],
        };
    }

    /// <summary>The UTC instant of a UK local date and time (the later reading where the clocks go back).</summary>
    public static DateTimeOffset UkLocalToUtc(DateOnly date, TimeOnly time)
    {
        var asGmt = new DateTimeOffset(date.ToDateTime(time, DateTimeKind.Unspecified), TimeSpan.Zero);
        var asBst = asGmt - TimeSpan.FromHours(1);
        return UkTime.OffsetAt(asBst) == TimeSpan.FromHours(1) ? asBst : asGmt;
    }

    /// <summary>A date and time (UK) that is not in the future and not before <paramref name="notBefore"/>.</summary>
    internal static DateTimeOffset? When(FieldReader reader, string dateId, string timeId, DateTimeOffset now, DateTimeOffset notBefore, string notBeforeMessage, bool required)
    {
        var dateRaw = reader.Raw(dateId);
        var timeRaw = reader.Raw(timeId);
        if (dateRaw is null || timeRaw is null)
        {
            if (required)
            {
                if (dateRaw is null)
                {
                    reader.Error(dateId, "Enter the date (UK).");
                }

                if (timeRaw is null)
                {
                    reader.Error(timeId, "Enter the time (UK), for example 14:30.");
                }
            }

            return null;
        }

        if (!DateOnly.TryParseExact(dateRaw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            reader.Error(dateId, "Enter a valid date.");
            return null;
        }

        if (!TimeOnly.TryParseExact(timeRaw, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            reader.Error(timeId, "Enter a valid time, for example 14:30.");
            return null;
        }

        var utc = UkLocalToUtc(date, time);
        if (utc > now.AddMinutes(5))
        {
            reader.Error(dateId, $"This is in the future. It is now {UkTime.Format(now)}.");
            return null;
        }

        // The inputs have minute precision: the minute of notBefore itself is allowed.
        if (utc < notBefore.AddTicks(-(notBefore.UtcTicks % TimeSpan.TicksPerMinute)))
        {
            reader.Error(dateId, notBeforeMessage);
            return null;
        }

        return utc;
    }

    /// <summary>A case reference in the policy's form (its pattern, unanchored): refused where a case reference must not be given.</summary>
    internal static bool CaseReferenceMatches(string? text, string pattern) =>
        text is not null && Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, RegexTimeout);

    private static bool ContainsCaseReference(string text, string pattern)
    {
        var inner = pattern.TrimStart('^').TrimEnd('$');
        try
        {
            return Regex.IsMatch(text, $@"(?<![\w-])(?:{inner})(?![\w-])", RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    internal static FormField Single(string id, string label, IEnumerable<ChoiceOption> options, bool expanded = true, bool required = true) => new()
    {
        Id = id,
        Label = label,
        Kind = FieldKind.SingleChoice,
        Required = required,
        ErrorMessage = required ? "Choose an option." : null,
        Options = [.. options],
        Expanded = expanded,
        Placeholder = expanded ? null : "Choose…",
    };

    internal static FormField Multi(string id, string label, IEnumerable<ChoiceOption> options, bool required, string? hint = null) => new()
    {
        Id = id,
        Label = label,
        Kind = FieldKind.MultiChoice,
        Required = required,
        ErrorMessage = required ? "Choose at least one." : null,
        Options = [.. options],
        Hint = hint,
    };

    internal static FormField YesNo(string id, string label, bool required = true) => new()
    {
        Id = id,
        Label = label,
        Kind = FieldKind.YesNo,
        Required = required,
        ErrorMessage = required ? "Answer yes or no." : null,
    };

    internal static FormField Text(string id, string label, TextLimit limit, bool required = false, bool multiline = false, string? placeholder = null) => new()
    {
        Id = id,
        Label = label,
        Kind = multiline ? FieldKind.MultilineText : FieldKind.Text,
        Required = required,
        ErrorMessage = required ? "This answer is required." : null,
        MaxLength = limit.Max,
        Placeholder = placeholder,
        Hint = limit.Min > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{limit.Min} to {limit.Max} characters.")
            : string.Create(CultureInfo.InvariantCulture, $"Up to {limit.Max} characters."),
    };

    internal static FormField Date(string id, string label, bool required = false) => new()
    {
        Id = id, Label = label, Kind = FieldKind.Date, Required = required, ErrorMessage = required ? "Enter the date." : null,
    };

    internal static FormField Time(string id, string label, bool required = false) => new()
    {
        Id = id, Label = label, Kind = FieldKind.Time, Required = required, ErrorMessage = required ? "Enter the time." : null,
    };

    internal static IEnumerable<ChoiceOption> Categories(PolicyDocument policy) =>
        policy.Lists.DataCategories.Select(c => new ChoiceOption(c.Id, StepForms.CategoryTitle(c)));

    /// <summary>The date and time inputs' values for an instant, in UK local time.</summary>
    public static (string Date, string Time) UkDateAndTime(DateTimeOffset instant)
    {
        var uk = UkTime.ToUk(instant);
        return (uk.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), uk.ToString("HH:mm", CultureInfo.InvariantCulture));
    }
}
