using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>When a decision is due, in UTC, from the deadline chosen at step 8 (UK calendar days).</summary>
public static class Deadlines
{
    public static DateTimeOffset? DueByUtc(AdviceAnswers advice, PolicyDocument policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(advice);
        ArgumentNullException.ThrowIfNull(policy);
        var option = policy.Lists.Deadlines.FirstOrDefault(d => d.Id == advice.DeadlineId);
        return option?.Kind switch
        {
            DeadlineKind.EndOfToday => UkTime.EndOfDayUtc(UkTime.Today(now)),
            DeadlineKind.WithinHours => now.ToUniversalTime().AddHours(option.Hours),
            DeadlineKind.ByDate when advice.DeadlineDate is { } date => UkTime.EndOfDayUtc(date),
            _ => null,
        };
    }
}
