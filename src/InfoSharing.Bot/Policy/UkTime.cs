using System.Globalization;

namespace InfoSharing.Bot.Policy;

/// <summary>
/// Cross-check 9: times are stored in UTC and shown in UK local time. The UK rule (British Summer Time from
/// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October, in force since 1996) is
/// computed here so the dialog stays pure (no time-zone database read); a test checks it against
/// Europe/London where the machine has one.
/// </summary>
public static class UkTime
{
    private static readonly TimeSpan Summer = TimeSpan.FromHours(1);

    /// <summary>The UK offset from UTC at an instant: +1 hour in British Summer Time, otherwise zero.</summary>
    public static TimeSpan OffsetAt(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var start = LastSunday(utc.Year, 3).AddHours(1);
        var end = LastSunday(utc.Year, 10).AddHours(1);
        return utc >= start && utc < end ? Summer : TimeSpan.Zero;
    }

    /// <summary>The instant in UK local time.</summary>
    public static DateTimeOffset ToUk(DateTimeOffset instant) => instant.ToOffset(OffsetAt(instant));

    /// <summary>The UK calendar date at an instant.</summary>
    public static DateOnly Today(DateTimeOffset instant) => DateOnly.FromDateTime(ToUk(instant).DateTime);

    /// <summary>The UTC instant at which a UK calendar date ends (the next local midnight).</summary>
    public static DateTimeOffset EndOfDayUtc(DateOnly date)
    {
        var midnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var asGmt = new DateTimeOffset(midnight, TimeSpan.Zero);

        // Midnight is never inside a UK transition (they happen at 01:00 UTC), so one correction suffices.
        return OffsetAt(asGmt) == Summer ? asGmt - Summer : asGmt;
    }

    /// <summary>The UTC instant of a UK local date and time (in the hour a transition skips or repeats, the later reading).</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time)
    {
        var asGmt = new DateTimeOffset(date.ToDateTime(time, DateTimeKind.Unspecified), TimeSpan.Zero);
        return OffsetAt(asGmt) == Summer ? asGmt - Summer : asGmt;
    }

    /// <summary>For example "12 Nov 2026, 14:03 GMT" or "3 Jun 2026, 09:30 BST".</summary>
    public static string Format(DateTimeOffset instant)
    {
        var uk = ToUk(instant);
        var zone = uk.Offset == Summer ? "BST" : "GMT";
        return uk.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " " + zone;
    }

    /// <summary>For example "20 Nov 2026".</summary>
    public static string FormatDate(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
