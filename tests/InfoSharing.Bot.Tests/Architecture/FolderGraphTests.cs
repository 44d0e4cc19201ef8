using System.Reflection;

namespace InfoSharing.Bot.Tests.Architecture;

/// <summary>
/// The top-level folders of the bot form a one-way graph (style.md: Hosting → Routing → Approvals → Dialog | Cards →
/// Policy, with Storage and Connector below): no folder depends, through any path, on a folder that depends on it.
/// Edges come from the compiled code and from the source (usings and qualified names), as for the purity rule.
/// </summary>
public sealed class FolderGraphTests
{
    private static readonly Assembly Bot = typeof(BotTelemetry).Assembly;

    [Fact]
    public void TopLevelFolders_FormNoCircle()
    {
        var graph = Graph();

        Assert.True(graph.Count >= 10, $"only {graph.Count} folders found: is the scan looking at the bot?");
        var circles = Circles(graph);
        Assert.True(circles.Count == 0, "folders in a circle:\n" + string.Join("\n", circles.Select(c => string.Join(" ⇄ ", c) + Why(graph, c))));
    }

    /// <summary>The check itself finds a circle of three and a pair, and passes a one-way chain.</summary>
    [Fact]
    public void Circles_FindsEveryCircle()
    {
        var circular = new Dictionary<string, ISet<string>>
        {
            ["A"] = new HashSet<string> { "B" }, ["B"] = new HashSet<string> { "C" }, ["C"] = new HashSet<string> { "A", "D" },
            ["D"] = new HashSet<string> { "E" }, ["E"] = new HashSet<string> { "D" }, ["F"] = new HashSet<string> { "A" },
        };
        var oneWay = new Dictionary<string, ISet<string>> { ["A"] = new HashSet<string> { "B" }, ["B"] = new HashSet<string> { "C" }, ["C"] = new HashSet<string>() };

        Assert.Equal([["A", "B", "C"], ["D", "E"]], Circles(circular));
        Assert.Empty(Circles(oneWay));
    }

    /// <summary>Folder → the folders it refers to.</summary>
    internal static Dictionary<string, ISet<string>> Graph()
    {
        var graph = SourceReferences.Folders.ToDictionary(f => f, ISet<string> (_) => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var type in Bot.GetTypes())
        {
            var from = AssemblyReferences.FolderOf(type);
            if (!graph.TryGetValue(from, out var edges))
            {
                continue;
            }

            foreach (var to in AssemblyReferences.ReferencedBy(type).Where(r => r.Assembly == Bot).Select(AssemblyReferences.FolderOf))
            {
                if (to != from && graph.ContainsKey(to))
                {
                    edges.Add(to);
                }
            }
        }

        foreach (var folder in SourceReferences.Folders)
        {
            foreach (var reference in SourceReferences.Of(folder))
            {
                graph[folder].Add(reference.Folder);
            }
        }

        return graph;
    }

    /// <summary>The strongly connected components of more than one folder, each sorted, in order (Tarjan).</summary>
    internal static List<List<string>> Circles(IReadOnlyDictionary<string, ISet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.TryGetValue(v, out var edges) ? edges : new HashSet<string>())
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    result.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var v in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return [.. result.OrderBy(c => c[0], StringComparer.Ordinal)];
    }

    private static string Why(IReadOnlyDictionary<string, ISet<string>> graph, List<string> circle) =>
        " (" + string.Join("; ", circle.Select(f => $"{f} → {string.Join(", ", graph[f].Where(circle.Contains))}")) + ")";
}
