using System.ComponentModel.DataAnnotations;

namespace InfoSharing.Bot.Protocol;

/// <summary>Section <c>Bot</c>: limits and behaviour of the messaging endpoint.</summary>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>Largest accepted activity body; above it the endpoint answers 413.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How long an activity id is remembered to recognise Teams' redelivery (protocol.md §1.4).</summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a delivery that has committed nothing yet holds its activity id. A redelivery after that runs the turn
    /// itself (the first instance died or lost its database). Below Teams' ~15 s redelivery, above a normal turn.
    /// </summary>
    public TimeSpan TurnClaimTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Name shown in texts (the manifest's short name).</summary>
    [Required]
    public string DisplayName { get; set; } = "InfoSharing";
}
