using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>When a decision is due, in UTC, from the deadline chosen at step 8 (UK calendar days and working days).</summary>
public static class Deadlines
{
    public static DateTimeOffset? DueByUtc(AdviceAnswers advice, PolicyDocument policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(advice);
        ArgumentNullException.ThrowIfNull(policy);
        var option = policy.Lists.Deadlines.FirstOrDefault(d => d.Id == advice.DeadlineId);
        return option?.Kind switch
        {
            DeadlineKind.EndOfToday => EndOfToday(option, now),
            DeadlineKind.WithinHours => now.ToUniversalTime().AddHours(option.Hours),
            DeadlineKind.WithinWorkingDays => WorkingDaysLater(now, option.WorkingDays, policy.Urgency.NonWorkingDays),
            DeadlineKind.ByDate when advice.DeadlineDate is { } date => UkTime.EndOfDayUtc(date),
            _ => null,
        };
    }

    /// <summary>The purposes chosen at step 4 that the policy marks urgent (they cannot be routine).</summary>
    public static IReadOnlyList<Purpose> UrgentPurposes(DraftAnswers answers, PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(policy);
        var chosen = answers.Why?.PurposeIds ?? [];
        return [.. policy.Lists.Purposes.Where(p => p.Urgent && chosen.Contains(p.Id, StringComparer.Ordinal))];
    }

    /// <summary>"Today" ends with the working day (its UK hour) while that is still ahead; after it, at midnight.</summary>
    private static DateTimeOffset EndOfToday(DeadlineOption option, DateTimeOffset now)
    {
        var today = UkTime.Today(now);
        if (option.EndsAtHour > 0)
        {
            var close = UkTime.ToUtc(today, new TimeOnly(option.EndsAtHour, 0));
            if (now < close)
            {
                return close;
            }
        }

        return UkTime.EndOfDayUtc(today);
    }

    /// <summary>The same UK time of day, that many working days later (weekends and the policy's non-working days skipped).</summary>
    private static DateTimeOffset WorkingDaysLater(DateTimeOffset now, int workingDays, IReadOnlyList<DateOnly> nonWorkingDays)
    {
        var uk = UkTime.ToUk(now);
        var date = DateOnly.FromDateTime(uk.DateTime);
        for (var added = 0; added < workingDays;)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !nonWorkingDays.Contains(date))
            {
                added++;
            }
        }

        return UkTime.ToUtc(date, TimeOnly.FromDateTime(uk.DateTime));
    }
}
