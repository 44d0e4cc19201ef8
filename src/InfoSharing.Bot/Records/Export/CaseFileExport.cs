namespace InfoSharing.Bot.Records.Export;

/// <summary>Who exported a case file, and when (shown at its top).</summary>
public sealed record CaseFileExport(DateTime AtUtc, string ActorId, string? ActorName);
