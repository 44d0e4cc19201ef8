namespace InfoSharing.Bot.Policy;

/// <summary>
/// §3: a child-protection referral or another purpose marked urgent cannot be "routine"; its deadline defaults to
/// <see cref="DefaultDeadlineId"/> (within one working day). Working days skip weekends and <see cref="NonWorkingDays"/>.
/// </summary>
public sealed record UrgencySettings
{
    public string DefaultDeadlineId { get; init => field = value ?? ""; } = "";

    /// <summary>Shown when "routine" is submitted for an urgent purpose.</summary>
    public string RoutineRefusal { get; init => field = value ?? ""; } = "";

    /// <summary>Bank holidays (UK dates) that are not working days.</summary>
    public IReadOnlyList<DateOnly> NonWorkingDays { get; init => field = value ?? []; } = [];
}
