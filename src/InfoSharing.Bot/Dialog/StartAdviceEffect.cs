namespace InfoSharing.Bot.Dialog;

/// <summary>
/// Placeholder for the advice path (§6): start an anonymised consultation. The draft is kept.
/// <see cref="Trigger"/> is "anonymisedConsultation" (step 4) or "adviceNow" (step 8).
/// </summary>
public sealed record StartAdviceEffect(DialogActor Requester, string Trigger, AdviceSeed Seed) : DialogEffect;
