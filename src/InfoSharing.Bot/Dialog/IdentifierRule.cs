using System.Text.RegularExpressions;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>
/// Cross-check 8 as every form applies it: how the likely identifiers found are described, whether a case reference
/// counts as one, and the rule itself: warn once, refuse the second time unless the practitioner ticks the box to
/// confirm the text contains no identifying information.
/// </summary>
public sealed record IdentifierRule
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>The dialog's steps: "a UK postcode or a date".</summary>
    public static readonly IdentifierRule Steps = new();

    /// <summary>The safeguarding records: "a UK postcode, a date and a name".</summary>
    public static readonly IdentifierRule Records = new() { ListsAll = true };

    /// <summary>The anonymised consultation: as the records, and a case reference identifies the person too.</summary>
    public static readonly IdentifierRule Anonymised = Records with { CaseReferenceIsIdentifier = true };

    /// <summary>Lists what was found ("a, b and c") rather than offering the alternatives ("a or b or c").</summary>
    public bool ListsAll { get; init; }

    /// <summary>A case reference in free text counts as an identifier (the consultation must not identify the person).</summary>
    public bool CaseReferenceIsIdentifier { get; init; }

    /// <summary>What was found, in words, for a message to the practitioner.</summary>
    public string Describe(IReadOnlyList<string> titles)
    {
        ArgumentNullException.ThrowIfNull(titles);
        return ListsAll ? SafeguardingForms.Describe(titles) : string.Join(" or ", titles);
    }

    /// <summary>Per free-text field (id and accepted text), the titles of the likely identifiers it holds; fields with none are left out.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Find(IReadOnlyDictionary<string, string> freeText, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(freeText);
        ArgumentNullException.ThrowIfNull(policy);
        var hits = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (field, text) in freeText)
        {
            var found = IdentifierDetector.Detect(text, policy.IdentifierPatterns).Select(p => p.Title).ToList();
            if (CaseReferenceIsIdentifier && ContainsCaseReference(text, policy.CaseReference.Pattern))
            {
                found.Add("a case reference");
            }

            if (found.Count > 0)
            {
                hits[field] = found;
            }
        }

        return hits;
    }

    /// <summary>
    /// Applies the rule to one submit: <paramref name="hits"/> holds, per free-text field, the titles of what it seems
    /// to contain. A field whose box is ticked is confirmed; any other is warned about, and refused (an error added to
    /// <paramref name="errors"/>) when it was already warned about on the submit before.
    /// </summary>
    internal IdentifierCheck Apply(IReadOnlyDictionary<string, IReadOnlyList<string>> hits, IReadOnlyDictionary<string, string> values,
        IReadOnlyCollection<string> warnedBefore, Dictionary<string, string> errors)
    {
        var warnings = new Dictionary<string, string>(StringComparer.Ordinal);
        var warned = new List<string>();
        var confirmed = new List<string>();
        foreach (var (field, titles) in hits)
        {
            var described = Describe(titles);
            if (values.TryGetValue(field + CardData.NoIdentifierConfirmSuffix, out var tick) && string.Equals(tick, "true", StringComparison.OrdinalIgnoreCase))
            {
                confirmed.Add(field);
                continue;
            }

            warned.Add(field);
            if (warnedBefore.Contains(field, StringComparer.Ordinal))
            {
                errors.TryAdd(field, $"Refused: this still looks like it contains {described}. Remove it, or tick the box below to confirm it contains no identifying information.");
                warnings[field] = $"This may contain {described}.";
            }
            else
            {
                warnings[field] = $"This may contain {described}. Do not include anything that could identify the person or anyone else. Change it, or tick the box to confirm it contains no identifying information.";
            }
        }

        return new IdentifierCheck(warnings, warned, confirmed);
    }

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
}
