namespace InfoSharing.Bot.Dialog;

/// <summary>
/// Placeholder for the emergency path (§5): the act-now guidance has been shown; the host starts the
/// retrospective record, due by <see cref="RetrospectiveRecordDueUtc"/>.
/// </summary>
public sealed record StartEmergencyEffect(DialogActor Requester, DateTimeOffset StartedAtUtc, DateTimeOffset RetrospectiveRecordDueUtc) : DialogEffect;
