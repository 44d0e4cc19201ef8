using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Workflow;

/// <summary>
/// Decline reason codes (domain §7) are policy (<c>lists.declineReasons</c>), not code: the stable id is stored with
/// the approver's action, the title is shown.
/// </summary>
public static class DeclineReasons
{
    public static string? Title(IReadOnlyList<ChoiceItem> reasons, string? id)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        return reasons.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal))?.Title;
    }
}
