using System.Text;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>A strict RFC 4180 reader for the tests: CRLF row ends, quoted fields with doubled quotes; anything else fails.</summary>
public static class CsvParser
{
    public static List<List<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        var quoted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                    i++;
                    if (i < text.Length && text[i] is not (',' or '\r'))
                    {
                        throw new FormatException($"text after a closing quote at {i}");
                    }

                    continue;
                }

                cell.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    i++;
                    break;
                case '"':
                    throw new FormatException($"a quote inside an unquoted field at {i}");
                case ',':
                    row.Add(cell.ToString());
                    cell.Clear();
                    i++;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row);
                    row = [];
                    i += 2;
                    break;
                case '\r' or '\n':
                    throw new FormatException($"a bare line break outside quotes at {i}");
                default:
                    cell.Append(c);
                    i++;
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException("unterminated quoted field");
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            throw new FormatException("the last row does not end with CRLF");
        }

        return rows;
    }
}
