namespace InfoSharing.Bot.Workflow;

/// <summary>A job to add: what, which occurrence, when (UTC).</summary>
public sealed record PlannedJob(string Kind, int Sequence, DateTimeOffset DueAt);
