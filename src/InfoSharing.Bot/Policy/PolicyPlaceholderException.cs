namespace InfoSharing.Bot.Policy;

/// <summary>
/// Thrown at start-up outside Development while an emergency contact of the policy is empty or a placeholder
/// (domain §5). Its message is one plain line naming every such entry.
/// </summary>
public sealed class PolicyPlaceholderException : Exception
{
    public PolicyPlaceholderException()
        : this("An emergency contact in the policy is a placeholder.")
    {
    }

    public PolicyPlaceholderException(string message)
        : base(message)
    {
    }

    public PolicyPlaceholderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static PolicyPlaceholderException For(string source, IReadOnlyList<EmergencyContact> placeholders) =>
        new($"the emergency contacts in the policy file {source} are not set: {EmergencyContactCheck.Describe(placeholders)}. "
            + "Put the real numbers in texts.emergency.contacts (a practitioner in an emergency must never read a placeholder) and start again.");
}
