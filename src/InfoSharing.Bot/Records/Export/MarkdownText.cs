using System.Text;

namespace InfoSharing.Bot.Records.Export;

/// <summary>Free text made safe to place in Markdown: markup characters escaped, lines kept inside their item or cell. Pure.</summary>
public static class MarkdownText
{
    private const string Special = "\\`*_[]<>|#";

    /// <summary>Text inside a list item: escaped; further lines indented so they stay in the item.</summary>
    public static string Inline(string? text, string continuationIndent = "  ")
    {
        if (string.IsNullOrEmpty(text))
        {
            return "—";
        }

        var lines = Normalise(text).Split('\n');
        return string.Join("\n" + continuationIndent, lines.Select(l => Escape(l.TrimEnd())));
    }

    /// <summary>Text inside a table cell: escaped, one line (line breaks shown as " / ").</summary>
    public static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? "" : string.Join(" / ", Normalise(text).Split('\n').Select(l => Escape(l.Trim())).Where(l => l.Length > 0));

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string Escape(string line)
    {
        var escaped = new StringBuilder(line.Length + 8);
        if (line.Length > 0 && line[0] is '-' or '+' or '=')
        {
            escaped.Append('\\');
        }

        foreach (var c in line)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
