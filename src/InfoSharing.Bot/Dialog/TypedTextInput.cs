namespace InfoSharing.Bot.Dialog;

/// <summary>Typed text: a command (back, cancel, restart, help, my requests, new request) or a free answer.</summary>
public sealed record TypedTextInput : DialogInput
{
    public required string Text { get; init; }
}
