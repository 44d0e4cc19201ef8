namespace InfoSharing.Bot.Dialog;

/// <summary>The draft is closed as a decision not to share: the host records it (reference, audit entry; no approval, nothing posted).</summary>
public sealed record RecordNotSharedEffect(DialogActor Requester, NotSharedDecision Decision) : DialogEffect;
