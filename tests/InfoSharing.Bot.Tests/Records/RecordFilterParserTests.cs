using InfoSharing.Bot.Records.Export;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

public sealed class RecordFilterParserTests
{
    [Theory]
    [InlineData("2026-01-15", null, "2026-01-15T00:00:00.0000000Z", null)]           // GMT: the UK day starts at midnight UTC
    [InlineData("2026-07-01", null, "2026-06-30T23:00:00.0000000Z", null)]           // BST: the UK day starts at 23:00 UTC the day before
    [InlineData(null, "2026-07-01", null, "2026-07-01T23:00:00.0000000Z")]           // to: the end of that UK day, exclusive
    [InlineData(null, "2026-12-31", null, "2027-01-01T00:00:00.0000000Z")]
    [InlineData("2026-03-01T09:30:00Z", "2026-03-01T11:00:00+01:00", "2026-03-01T09:30:00.0000000Z", "2026-03-01T10:00:00.0000000Z")]
    public void TryParse_Dates_AreUkDaysOrExactInstants(string? from, string? to, string? fromUtc, string? toUtc)
    {
        var filter = RecordFilterParser.TryParse(null, null, null, null, from, to, out _);
        Assert.NotNull(filter);
        Assert.Equal(fromUtc, filter.SubmittedFromUtc?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(toUtc, filter.SubmittedToUtc?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("status", "lost")]
    [InlineData("decision", "approve")]
    [InlineData("matterType", "Robert Smith")]
    [InlineData("type", "REQUEST")]
    [InlineData("from", "yesterday")]
    [InlineData("from", "2026-03-01T09:00:00")]    // an instant needs its offset
    [InlineData("to", "01/03/2026")]
    public void TryParse_InvalidValue_IsNamed(string parameter, string value)
    {
        string? P(string name) => name == parameter ? value : null;
        var filter = RecordFilterParser.TryParse(P("status"), P("decision"), P("matterType"), P("type"), P("from"), P("to"), out var errors);
        Assert.Null(filter);
        Assert.Equal([parameter], errors.Keys);
    }

    [Fact]
    public void TryParse_ToNotAfterFrom_IsRefused()
    {
        Assert.Null(RecordFilterParser.TryParse(null, null, null, null, "2026-03-01T10:00:00Z", "2026-03-01T10:00:00Z", out var errors));
        Assert.Equal(["to"], errors.Keys);
    }

    [Fact]
    public void TryParse_ValidFilter_DescribesOnlyWhatWasGiven()
    {
        var filter = RecordFilterParser.TryParse("approved", " ", "prevent", null, "2026-01-15", null, out _)!;
        Assert.Equal("{\"status\":\"approved\",\"matterType\":\"prevent\",\"submittedFromUtc\":\"2026-01-15T00:00:00.0000000Z\"}", filter.Describe().ToJsonString());
    }
}
