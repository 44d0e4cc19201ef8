namespace InfoSharing.Bot.Policy;

/// <summary>Where the policy the bot runs under was read from (for the readiness report and start-up refusals).</summary>
public sealed record PolicyFileLocation(string Path);
