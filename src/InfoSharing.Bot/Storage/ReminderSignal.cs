namespace InfoSharing.Bot.Storage;

/// <summary>Wakes the reminder scheduler (e.g. after the development clock moved).</summary>
public sealed class ReminderSignal : QueueSignal;
