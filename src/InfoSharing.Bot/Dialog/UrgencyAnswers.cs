namespace InfoSharing.Bot.Dialog;

/// <summary>Step 0.</summary>
public sealed record UrgencyAnswers
{
    public required bool ImmediateDanger { get; init; }
}
