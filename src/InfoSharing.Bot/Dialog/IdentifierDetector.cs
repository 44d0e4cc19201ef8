using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>Cross-check 8: does free text look like it holds an identifier (postcode, date, NHS number, pupil number, name)?</summary>
public static class IdentifierDetector
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    // A memo of compiled patterns (policy patterns rarely change); not observable state.
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    // Likewise the ignore lists as sets, per list instance (the names list has hundreds of words; it was rebuilt per text).
    private static readonly ConditionalWeakTable<IReadOnlyList<string>, HashSet<string>> IgnoreSets = new();

    private static readonly char[] Separators = [' ', '\t', '\r', '\n'];

    /// <summary>What was found, in words, for a message to the practitioner ("a UK postcode or a date …").</summary>
    public static string Describe(IReadOnlyList<IdentifierPattern> found) => IdentifierRule.Steps.Describe([.. found.Select(p => p.Title)]);

    /// <summary>The patterns the text matches, in policy order (empty when none).</summary>
    public static IReadOnlyList<IdentifierPattern> Detect(string? text, IReadOnlyList<IdentifierPattern> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var hits = new List<IdentifierPattern>();
        foreach (var pattern in patterns)
        {
            if (Matches(text, pattern))
            {
                hits.Add(pattern);
            }
        }

        return hits;
    }

    private static bool Matches(string text, IdentifierPattern pattern)
    {
        var regex = Cache.GetOrAdd(pattern.Pattern, static p => new Regex(p, RegexOptions.CultureInvariant, Timeout));
        var ignore = pattern.IgnoreWords.Count == 0
            ? null
            : IgnoreSets.GetValue(pattern.IgnoreWords, static words => new HashSet<string>(words, StringComparer.OrdinalIgnoreCase));
        try
        {
            var match = regex.Match(text);
            while (match.Success)
            {
                if (ignore is null || !IsIgnored(match.Value, ignore))
                {
                    return true;
                }

                // Overlapping retry: "Duty Jane Smith" must still find "Jane Smith" after "Duty Jane" is ignored.
                match = match.Index + 1 < text.Length ? regex.Match(text, match.Index + 1) : Match.Empty;
            }

            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern too slow to decide is treated as a hit: warn rather than let an identifier through.
            return true;
        }
    }

    private static bool IsIgnored(string value, HashSet<string> ignore)
    {
        foreach (var token in value.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (ignore.Contains(token.Trim('.', ',', ';', ':', '\'', '"', '(', ')')))
            {
                return true;
            }
        }

        return false;
    }
}
