using System.Runtime.CompilerServices;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Records;

/// <summary>
/// Golden files in <c>tests/InfoSharing.Bot.Tests/Records/Golden/</c>. A mismatch writes the actual text beside the
/// golden one (<c>.actual</c>) for a diff; set INFOSHARING_UPDATE_GOLDEN=1 to accept it.
/// </summary>
public static class Golden
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string caller = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var folder = Path.Combine(Path.GetDirectoryName(caller)!, "Golden");
        var path = Path.Combine(folder, name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("INFOSHARING_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, actual);
        }

        var expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : "(missing golden file " + path + ")";
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            File.WriteAllText(path + ".actual", actual);
            Assert.Fail($"{name} differs from its golden file; see {path}.actual (INFOSHARING_UPDATE_GOLDEN=1 accepts it).\n"
                        + FirstDifference(expected, actual));
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "(end)";
            var al = i < a.Length ? a[i] : "(end)";
            if (!string.Equals(el, al, StringComparison.Ordinal))
            {
                return $"line {i + 1}:\n  expected: {el}\n  actual:   {al}";
            }
        }

        return "";
    }
}
