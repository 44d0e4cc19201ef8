namespace InfoSharing.Bot.Approvals;

/// <summary>Decline reason codes (domain.md §7). Stable ids are stored; titles are shown.</summary>
public static class DeclineReasons
{
    public static readonly IReadOnlyList<(string Id, string Title)> All =
    [
        ("not-necessary", "Sharing is not necessary for the stated purpose"),
        ("not-proportionate", "More information than needed, or to more people than needed"),
        ("no-lawful-basis", "No adequate lawful basis or condition identified"),
        ("recipient-not-appropriate", "The recipient or sharing method is not appropriate"),
        ("consent-openness", "Consent or openness has not been handled properly"),
        ("insufficient-information", "Not enough information to decide"),
        ("other", "Other (explained in the reason)"),
    ];

    public static string? Title(string? id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal)).Title;
}
