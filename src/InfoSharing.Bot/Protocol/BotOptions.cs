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
    /// How long a claim left in flight by an earlier version of the bot (which wrote its claim before the turn) holds its
    /// activity id; a redelivery after that runs the turn. This version writes its claim only at the turn's point of no
    /// return, completed, so it leaves none. Below Teams' ~15 s redelivery, above a normal turn.
    /// </summary>
    public TimeSpan TurnClaimTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Name shown in texts (the manifest's short name).</summary>
    [Required]
    public string DisplayName { get; set; } = "InfoSharing";
}
