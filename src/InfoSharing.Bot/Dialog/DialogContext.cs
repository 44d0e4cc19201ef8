using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>What the pure dialog needs besides state and input: the policy, the time now, the current dialog version.</summary>
public sealed record DialogContext
{
    public required PolicyDocument Policy { get; init; }

    /// <summary>The time of the turn (from the host's TimeProvider); converted to UTC.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The current <see cref="DialogDefinition.Version"/>; a draft of another version is restarted.</summary>
    public int DialogVersion { get; init; } = DialogDefinition.Version;
}
