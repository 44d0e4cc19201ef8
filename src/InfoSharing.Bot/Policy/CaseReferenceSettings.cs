namespace InfoSharing.Bot.Policy;

public sealed record CaseReferenceSettings
{
    /// <summary>A .NET regular expression the whole case reference must match.</summary>
    public string Pattern { get; init => field = value ?? ""; } = "";

    /// <summary>An example shown as the placeholder.</summary>
    public string Example { get; init => field = value ?? ""; } = "";

    /// <summary>The pattern in words, shown when a reference does not match.</summary>
    public string Description { get; init => field = value ?? ""; } = "";

    /// <summary>
    /// Whether a reference of digits only (for example a case system's bare number) is accepted. When false, such a
    /// reference is refused even if the pattern would match it; the validator checks the example agrees.
    /// </summary>
    public bool AllowNumericOnly { get; init; }

    /// <summary>The pattern in words with the policy's own example, e.g. "… digits (for example CS-123456)".</summary>
    public string Explained => string.IsNullOrWhiteSpace(Example) ? Description : $"{Description} (for example {Example})";

    /// <summary>Whether <paramref name="reference"/> is a case reference this policy accepts (the pattern, and digits only when allowed).</summary>
    public bool Accepts(string reference, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return System.Text.RegularExpressions.Regex.IsMatch(reference, Pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant, timeout)
               && (AllowNumericOnly || !IsNumericOnly(reference));
    }

    public static bool IsNumericOnly(string reference) => reference.Length > 0 && reference.All(char.IsAsciiDigit);
}
