namespace InfoSharing.Bot.Policy;

/// <summary>
/// Domain §5: an emergency contact that is empty or still a placeholder (any value in square brackets, such as
/// "[set by the DPO: on-call DSL number]") must never reach a practitioner in an emergency. Pure.
/// </summary>
public static class EmergencyContactCheck
{
    /// <summary>Every contact of <c>texts.emergency.contacts</c> that is not a real value yet, in policy order.</summary>
    public static IReadOnlyList<EmergencyContact> Placeholders(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [.. policy.Texts.Emergency.Contacts.Where(c => IsPlaceholder(c.Value))];
    }

    public static bool IsPlaceholder(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var open = value.IndexOf('[', StringComparison.Ordinal);
        return open >= 0 && value.IndexOf(']', open + 1) > open;
    }

    /// <summary>One plain line naming every placeholder entry (its title and what it still says).</summary>
    public static string Describe(IReadOnlyList<EmergencyContact> placeholders)
    {
        ArgumentNullException.ThrowIfNull(placeholders);
        return string.Join("; ", placeholders.Select(c => string.IsNullOrWhiteSpace(c.Value)
            ? $"'{Name(c)}' is empty"
            : $"'{Name(c)}' is still the placeholder \"{c.Value.Trim()}\""));
    }

    private static string Name(EmergencyContact contact) => string.IsNullOrWhiteSpace(contact.Title) ? "(untitled contact)" : contact.Title;
}
