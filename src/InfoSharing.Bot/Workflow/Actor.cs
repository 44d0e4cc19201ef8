namespace InfoSharing.Bot.Workflow;

/// <summary>
/// The person acting, whichever surface they acted on (a Teams card, the 1:1 chat, the records tab): the Entra object
/// id (the channel user id where there is none, e.g. the Emulator), the Teams user id when the act came through Teams,
/// the display name, and the approver kinds the server resolved for them (none until resolved).
/// </summary>
public sealed record Actor(string ObjectId, string? ChannelUserId, string Name)
{
    public ApproverKind Kinds { get; init; }

    /// <summary>True when this actor is the given person (by object id, or by Teams user id).</summary>
    public bool Is(string? objectId, string? channelUserId) =>
        string.Equals(ObjectId, objectId, StringComparison.OrdinalIgnoreCase)
        || (ChannelUserId is not null && string.Equals(ChannelUserId, channelUserId, StringComparison.Ordinal));
}
