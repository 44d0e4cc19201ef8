using InfoSharing.Bot.Records.Export;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData(null, "—")]
    [InlineData("plain words", "plain words")]
    [InlineData("# not a heading", "\\# not a heading")]
    [InlineData("- not a list", "\\- not a list")]
    [InlineData("*bold* _it_ `code` [link](x) <b>", "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\<b\\>")]
    [InlineData("first\nsecond", "first\n  second")]
    [InlineData("first\r\n- second", "first\n  \\- second")]
    public void Inline_FreeText_CannotBecomeMarkup(string? text, string expected) => Assert.Equal(expected, MarkdownText.Inline(text));

    [Fact]
    public void Cell_PipesAndLineBreaks_StayInTheCell() => Assert.Equal("a \\| b / c", MarkdownText.Cell("a | b\r\nc"));
}
