namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The practitioner using the bot (never the person the information is about): the Entra object id
/// (<c>from.aadObjectId</c>; the channel user id where there is none, e.g. the Emulator) and display name.
/// </summary>
public sealed record DialogActor(string ObjectId, string DisplayName);
