using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Protocol;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Routing;

/// <summary>One inbound activity after authentication, with the text a command parser should read.</summary>
public sealed record TurnContext
{
    public required BotActivity Activity { get; init; }

    /// <summary><c>channelId|conversationId</c>: the key for state, references and dedupe.</summary>
    public required string ConversationKey { get; init; }

    /// <summary>The message text with the bot's own mention removed, trimmed (protocol.md §5.1).</summary>
    public string? CommandText { get; init; }

    public bool IsPersonal => Activity.Conversation?.ConversationType is null or "personal";

    public bool IsChannel => string.Equals(Activity.Conversation?.ConversationType, "channel", StringComparison.Ordinal);

    /// <summary>Who acted: the Entra object id when the channel sends one (Teams), else the channel user id (Emulator).</summary>
    public string ActorId => Activity.From?.AadObjectId ?? Activity.From?.Id ?? "unknown";

    /// <summary>Who acted, before the server resolved their approver kinds (<see cref="Approvals.ApproverDirectory"/>).</summary>
    public Actor Actor => new(ActorId, Activity.From?.Id, Activity.From?.Name ?? ActorId);

    /// <summary>The practitioner's name as the dialog and their records show it (the channel may give none).</summary>
    public string PractitionerName => Activity.From?.Name ?? "Practitioner";

    /// <summary>The practitioner making a record in this chat.</summary>
    public RecordMaker Maker => new(ActorId, Activity.From?.Id, PractitionerName, ConversationKey);

    /// <summary>The practitioner as the dialog recorded them (a draft keeps who started it), making a record in this chat.</summary>
    public RecordMaker MakerAs(DialogActor requester)
    {
        ArgumentNullException.ThrowIfNull(requester);
        return new(requester.ObjectId, Activity.From?.Id, requester.DisplayName, ConversationKey);
    }

    public static string KeyFor(string? channelId, string? conversationId) => $"{channelId}|{conversationId}";
}
