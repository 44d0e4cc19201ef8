using System.Text.RegularExpressions;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Architecture;

/// <summary>The bot's folders a source folder names: <c>using InfoSharing.Bot.X;</c> and <c>InfoSharing.Bot.X.</c> qualified names.</summary>
internal static partial class SourceReferences
{
    public static string BotSource { get; } = Path.Combine(RepositoryPaths.Root, "src", "InfoSharing.Bot");

    /// <summary>Top-level folders of the bot's source (migrations, build output and static files aside).</summary>
    public static IReadOnlyList<string> Folders { get; } =
    [
        .. Directory.GetDirectories(BotSource).Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj" or "Properties" or "App_Data" or "wwwroot")).Order(StringComparer.Ordinal),
    ];

    public static IEnumerable<(string File, string Folder, string Text)> Of(string folder)
    {
        var directory = Path.Combine(BotSource, folder);
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var text = LineComment().Replace(File.ReadAllText(file), "");
            foreach (Match m in QualifiedName().Matches(text))
            {
                var target = m.Groups[1].Value;
                if (target != folder && Folders.Contains(target))
                {
                    yield return (Path.GetRelativePath(BotSource, file), target, m.Value);
                }
            }
        }
    }

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\bInfoSharing\.Bot\.([A-Z]\w*)\b")]
    private static partial Regex QualifiedName();
}
