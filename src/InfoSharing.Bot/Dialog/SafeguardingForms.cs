using System.Globalization;
using System.Text.Json.Nodes;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// What the safeguarding forms share (pure): reading a card submit (<see cref="SubmittedValues"/>), finishing a form
/// with the identifier rule of cross-check 8 (<see cref="IdentifierRule"/>), and UK local date and time.
/// </summary>
public static class SafeguardingForms
{
    /// <summary>Only the form's own inputs (and their confirmation boxes): <see cref="SubmittedValues.Of"/>.</summary>
    public static Dictionary<string, string> Values(JsonObject submitted, IReadOnlyList<FormField> fields) => SubmittedValues.Of(submitted, fields);

    /// <summary>The fields a re-shown card said were already warned about.</summary>
    public static IReadOnlyList<string> Warned(JsonObject submitted) => SubmittedValues.Warned(submitted);

    public static string? ReadString(JsonObject values, string key) => SubmittedValues.ReadString(values, key);

    /// <summary>The validator of a safeguarding form's values (the arguments checked where they enter).</summary>
    internal static FieldReader Reader(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> warned, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(warned);
        ArgumentNullException.ThrowIfNull(policy);
        return new FieldReader(values);
    }

    /// <summary>
    /// Applies cross-check 8 (<paramref name="rule"/>) to the free text the reader accepted and builds the value when
    /// nothing blocks it.
    /// </summary>
    internal static FormOutcome<T> Finish<T>(FieldReader reader, IReadOnlyDictionary<string, string> values, IReadOnlyList<string> warned,
        PolicyDocument policy, Func<IReadOnlyList<string>, T> build, IdentifierRule? rule = null, WiderScope? wider = null)
        where T : class
    {
        rule ??= IdentifierRule.Records;
        var errors = new Dictionary<string, string>(reader.Errors, StringComparer.Ordinal);
        var hits = rule.Find(reader.FreeText, policy);
        var check = rule.Apply(hits, values, warned, errors);
        var accepted = errors.Count == 0 && check.Warnings.Count == 0 && wider is null;
        return new FormOutcome<T>
        {
            Value = accepted ? build(check.Confirmed) : null,
            Errors = errors,
            Warnings = check.Warnings,
            Warned = check.Warned,
            Confirmed = check.Confirmed,
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

    internal static IEnumerable<ChoiceOption> Categories(PolicyDocument policy) =>
        policy.Lists.DataCategories.Select(c => new ChoiceOption(c.Id, StepForms.CategoryTitle(c)));

    /// <summary>The date and time inputs' values for an instant, in UK local time.</summary>
    public static (string Date, string Time) UkDateAndTime(DateTimeOffset instant)
    {
        var uk = UkTime.ToUk(instant);
        return (uk.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), uk.ToString("HH:mm", CultureInfo.InvariantCulture));
    }
}
