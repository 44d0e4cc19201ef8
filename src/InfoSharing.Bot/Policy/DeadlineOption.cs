namespace InfoSharing.Bot.Policy;

public sealed record DeadlineOption
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public DeadlineKind Kind { get; init; }

    /// <summary>For <see cref="DeadlineKind.WithinHours"/>.</summary>
    public int Hours { get; init; }

    /// <summary>For <see cref="DeadlineKind.WithinWorkingDays"/>: the same UK time that many working days later.</summary>
    public int WorkingDays { get; init; }

    /// <summary>For <see cref="DeadlineKind.EndOfToday"/>: the UK hour the working day ends (0: midnight). After it, midnight.</summary>
    public int EndsAtHour { get; init; }
}
