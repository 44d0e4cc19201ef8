using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;
using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Tests.Dialog;

/// <summary>Cross-check 9: stored in UTC, shown in UK local time.</summary>
public sealed class UkTimeTests
{
    [Theory]
    [InlineData("2026-01-15T12:00:00Z", "15 Jan 2026, 12:00 GMT")]
    [InlineData("2026-07-01T12:00:00Z", "1 Jul 2026, 13:00 BST")]
    [InlineData("2026-03-29T00:59:59Z", "29 Mar 2026, 00:59 GMT")]
    [InlineData("2026-03-29T01:00:00Z", "29 Mar 2026, 02:00 BST")]
    [InlineData("2026-10-25T00:59:59Z", "25 Oct 2026, 01:59 BST")]
    [InlineData("2026-10-25T01:00:00Z", "25 Oct 2026, 01:00 GMT")]
    [InlineData("2026-06-30T23:30:00Z", "1 Jul 2026, 00:30 BST")]
    public void Format_UtcInstant_IsShownInUkLocalTime(string utc, string expected)
    {
        Assert.Equal(expected, UkTime.Format(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-06-30T23:30:00Z", "2026-07-01")]
    [InlineData("2026-12-31T23:30:00Z", "2026-12-31")]
    public void Today_IsTheUkCalendarDate(string utc, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), UkTime.Today(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-07-01", "2026-07-01T23:00:00Z")]
    [InlineData("2026-12-01", "2026-12-02T00:00:00Z")]
    [InlineData("2026-03-28", "2026-03-29T00:00:00Z")]
    [InlineData("2026-10-24", "2026-10-24T23:00:00Z")]
    public void EndOfDayUtc_IsTheNextUkMidnightInUtc(string date, string expectedUtc)
    {
        var expected = DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, UkTime.EndOfDayUtc(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void OffsetAt_AgreesWithTheEuropeLondonTimeZoneDatabase()
    {
        TimeZoneInfo london;
        try
        {
            london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            Assert.Skip("No Europe/London time zone on this machine.");
            return;
        }

        var checkedInstants = 0;
        for (var instant = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero); instant.Year < 2040; instant = instant.AddMinutes(30))
        {
            Assert.Equal(london.GetUtcOffset(instant), UkTime.OffsetAt(instant));
            checkedInstants++;
        }

        Assert.True(checkedInstants > 600_000);
    }
}
