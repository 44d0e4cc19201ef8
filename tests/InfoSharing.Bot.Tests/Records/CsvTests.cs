using InfoSharing.Bot.Records.Export;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

public sealed class CsvTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("plain text", "plain text")]
    [InlineData("ISR-2026-0042", "ISR-2026-0042")]
    [InlineData("2026-11-24T09:00:00.000Z", "2026-11-24T09:00:00.000Z")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+44 20 7946 0000", "'+44 20 7946 0000")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tindented", "'\tindented")]
    [InlineData("\rreturn", "\"'\rreturn\"")]
    [InlineData("＝full-width", "'＝full-width")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"no\"", "\"say \"\"no\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("a=b stays", "a=b stays")]
    [InlineData(" =leading space", " =leading space")]
    public void Cell_Value_IsNeutralisedAndQuoted(string? value, string expected) => Assert.Equal(expected, Csv.Cell(value));

    [Fact]
    public void Row_Cells_AreJoinedWithCommasAndEndWithCrLf() =>
        Assert.Equal("a,\"b,c\",,'=d\r\n", Csv.Row(["a", "b,c", null, "=d"]));

    [Fact]
    public void Row_RoundTripsThroughAStrictRfc4180Reader()
    {
        string[] cells = ["x", "y, \"z\"", "line\r\nbreak", "", "=formula"];
        var parsed = CsvParser.Parse(Csv.Row(cells) + Csv.Row(cells));
        Assert.Equal(2, parsed.Count);
        Assert.Equal(["x", "y, \"z\"", "line\r\nbreak", "", "'=formula"], parsed[1]);
    }
}
