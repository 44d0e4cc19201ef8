using System.Text.Json;

namespace InfoSharing.Bot.Dialog;

/// <summary>Stores and reads a draft as JSON. An unreadable draft is reported, not thrown: start afresh with null.</summary>
public static class DialogStateJson
{
    public static string Serialize(DialogState state) =>
        JsonSerializer.Serialize(state, DialogJsonContext.Default.DialogState);

    public static bool TryDeserialize(string? json, out DialogState? state)
    {
        state = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            state = JsonSerializer.Deserialize(json, DialogJsonContext.Default.DialogState);
            return state is not null;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }
}
