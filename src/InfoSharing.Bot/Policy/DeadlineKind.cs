namespace InfoSharing.Bot.Policy;

public enum DeadlineKind
{
    EndOfToday,
    WithinHours,
    ByDate,
    Routine,
}
