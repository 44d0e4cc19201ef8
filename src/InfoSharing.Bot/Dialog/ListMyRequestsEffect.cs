namespace InfoSharing.Bot.Dialog;

/// <summary>List the practitioner's requests and their status ("my requests").</summary>
public sealed record ListMyRequestsEffect(DialogActor Requester) : DialogEffect;
