namespace InfoSharing.Bot.Dialog;

/// <summary>Recognises typed commands: case-insensitive, trimmed, inner spaces collapsed, a trailing full stop or "!" ignored.</summary>
public static class DialogCommands
{
    public static DialogCommand Parse(string? text) => Normalise(text) switch
    {
        "back" => DialogCommand.Back,
        "cancel" => DialogCommand.Cancel,
        "restart" or "start again" => DialogCommand.Restart,
        "help" or "?" => DialogCommand.Help,
        "my requests" => DialogCommand.MyRequests,
        "new request" or "new" => DialogCommand.NewRequest,
        _ => DialogCommand.None,
    };

    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var words = text.Trim().TrimEnd('.', '!').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words).ToLowerInvariant();
    }
}
