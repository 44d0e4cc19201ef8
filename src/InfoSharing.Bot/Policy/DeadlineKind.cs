namespace InfoSharing.Bot.Policy;

public enum DeadlineKind
{
    EndOfToday,
    WithinHours,
    WithinWorkingDays,
    ByDate,
    Routine,
}
