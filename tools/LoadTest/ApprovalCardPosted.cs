namespace InfoSharing.Bot.LoadTest;

/// <summary>An approval card the bot posted as a new thread: where it is and which request it shows.</summary>
public sealed record ApprovalCardPosted(string ThreadId, string ActivityId, string RequestId);
