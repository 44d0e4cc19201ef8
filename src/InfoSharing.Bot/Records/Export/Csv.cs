using System.Buffers;
using System.Text;

namespace InfoSharing.Bot.Records.Export;

/// <summary>
/// RFC 4180 cells that are safe to open in a spreadsheet: a cell starting with = + - @ tab or CR (or their
/// full-width forms) is prefixed with an apostrophe so it is never run as a formula; a cell holding a comma,
/// quote, CR or LF is quoted with its quotes doubled; rows end with CRLF. Pure.
/// </summary>
public static class Csv
{
    public const string RowEnd = "\r\n";

    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r＝＋－＠");
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (FormulaStarts.Contains(value[0]))
        {
            value = "'" + value;
        }

        return value.AsSpan().ContainsAny(NeedsQuotes) ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Row(IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var row = new StringBuilder();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                row.Append(',');
            }

            row.Append(Cell(cell));
            first = false;
        }

        return row.Append(RowEnd).ToString();
    }
}
