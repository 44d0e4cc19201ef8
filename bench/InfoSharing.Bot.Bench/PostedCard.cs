namespace InfoSharing.Bot.Bench;

/// <summary>An approval card the bot posted as a new thread: what an approver's click refers to.</summary>
public sealed record PostedCard(string RequestId, string ThreadId, string ActivityId);
