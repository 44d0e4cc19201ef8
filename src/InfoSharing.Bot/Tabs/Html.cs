using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace InfoSharing.Bot.Tabs;

/// <summary>A small HTML writer: every text and attribute value is encoded; markup is only what the page code writes.</summary>
public sealed class Html
{
    private readonly StringBuilder _b = new();

    public Html Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _b.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null)
            {
                continue;
            }

            _b.Append(' ').Append(name);
            if (value.Length > 0)
            {
                _b.Append("=\"").Append(HtmlEncoder.Default.Encode(value)).Append('"');
            }
        }

        _b.Append('>');
        return this;
    }

    public Html Close(string tag)
    {
        _b.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element with encoded text content.</summary>
    public Html El(string tag, string? text, params (string Name, string? Value)[] attributes) => Open(tag, attributes).Text(text).Close(tag);

    public Html Text(string? text)
    {
        if (text is not null)
        {
            _b.Append(HtmlEncoder.Default.Encode(text));
        }

        return this;
    }

    public Html Raw(string markup)
    {
        _b.Append(markup);
        return this;
    }

    /// <summary>A definition list row: a term and its value (nothing when the value is empty).</summary>
    public Html Fact(string term, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return this;
        }

        return El("dt", term).El("dd", value);
    }

    /// <summary>A table: a caption, header cells, and rows of encoded cells.</summary>
    public Html Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? cssClass = null)
    {
        Open("table", ("class", cssClass)).El("caption", caption).Open("thead").Open("tr");
        foreach (var h in headers)
        {
            El("th", h, ("scope", "col"));
        }

        Close("tr").Close("thead").Open("tbody");
        foreach (var row in rows)
        {
            Open("tr");
            for (var i = 0; i < row.Count; i++)
            {
                El(i == 0 ? "th" : "td", row[i], ("scope", i == 0 ? "row" : null));
            }

            Close("tr");
        }

        return Close("tbody").Close("table");
    }

    /// <summary>An anti-forgery token field (<see cref="TabsEndpoints"/> validates it on every action).</summary>
    public Html Antiforgery(string? token) => Open("input", ("type", "hidden"), ("name", TabsEndpoints.AntiforgeryField), ("value", token ?? string.Empty)).Raw("");

    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public override string ToString() => _b.ToString();
}
