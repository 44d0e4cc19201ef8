using System.Reflection;
using Microsoft.Extensions.Logging;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Architecture;

/// <summary>
/// The house rules, checked on the compiled bot (so a fully qualified name or an implicit global using cannot slip
/// past): the pure folders stay pure, and no two log messages share an event id.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Bot = typeof(BotTelemetry).Assembly;

    /// <summary>The folders that are pure functions and data: no I/O, no host, no feature folder.</summary>
    public static readonly IReadOnlySet<string> PureFolders = new HashSet<string>(StringComparer.Ordinal) { "Dialog", "Cards", "Policy", "Protocol", "Workflow" };

    /// <summary>Assemblies the pure folders may not touch: the web host, the database, HTTP.</summary>
    private static readonly string[] ForbiddenAssemblyPrefixes =
    [
        "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Data.Sqlite", "System.Net.Http", "Microsoft.Extensions.Http",
        "Microsoft.Identity", "Microsoft.IdentityModel",
    ];

    public static TheoryData<string> Pure => [.. PureFolders.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Pure))]
    public void PureFolder_RefersToNoHostDatabaseHttpOrFeatureFolder(string folder)
    {
        var violations = Violations(folder, PureFolders).ToList();

        Assert.True(violations.Count == 0, $"{folder}/ refers to:\n" + string.Join("\n", violations.Take(40)));
    }

    [Fact]
    public void LoggerMessages_EventIdsAreUnique_AndSet()
    {
        var messages = Bot.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToList();

        Assert.True(messages.Count > 50, $"only {messages.Count} [LoggerMessage] methods found: is the scan looking at the bot?");
        var unset = messages.Where(x => x.Attribute!.EventId <= 0).Select(x => Name(x.Method)).ToList();
        Assert.True(unset.Count == 0, "no event id: " + string.Join(", ", unset));
        var shared = DuplicateEventIds(messages.Select(x => (x.Attribute!.EventId, Name(x.Method)))).ToList();
        Assert.True(shared.Count == 0, "event ids used twice:\n" + string.Join("\n", shared));
    }

    /// <summary>The check itself fails on a duplicate (two messages sharing one id) and passes on distinct ids.</summary>
    [Fact]
    public void DuplicateEventIds_FindsASharedId()
    {
        Assert.Equal(["1100: A.One, B.Two"], DuplicateEventIds([(1100, "A.One"), (1101, "A.Other"), (1100, "B.Two")]));
        Assert.Empty(DuplicateEventIds([(1, "A"), (2, "B")]));
    }

    internal static IEnumerable<string> DuplicateEventIds(IEnumerable<(int Id, string Method)> messages) =>
        messages.GroupBy(m => m.Id).Where(g => g.Count() > 1).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method).Order(StringComparer.Ordinal))}");

    /// <summary>What a folder's types refer to that the rules forbid: a forbidden assembly, or a folder not in <paramref name="allowed"/>.</summary>
    /// <remarks>
    /// Two views: the compiled code (what runs), and the source's <c>using InfoSharing.Bot.X</c> directives and
    /// qualified names (a constant is inlined by the compiler, so only the source shows that dependency).
    /// </remarks>
    internal static IEnumerable<string> Violations(string folder, IReadOnlySet<string> allowed) =>
        Bot.GetTypes()
            .Where(t => AssemblyReferences.FolderOf(t) == folder)
            .SelectMany(t => AssemblyReferences.ReferencedBy(t).Select(r => (From: t, To: r)))
            .Where(x => Forbidden(x.To, allowed))
            .Select(x => $"{Outer(x.From).FullName} -> {x.To.FullName} ({x.To.Assembly.GetName().Name})")
            .Concat(SourceReferences.Of(folder).Where(r => !allowed.Contains(r.Folder)).Select(r => $"{r.File}: {r.Text}"))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static bool Forbidden(Type to, IReadOnlySet<string> allowed)
    {
        var assembly = to.Assembly.GetName().Name ?? "";
        if (to.Assembly == Bot)
        {
            var target = AssemblyReferences.FolderOf(to);
            return target.Length > 0 && !allowed.Contains(target);
        }

        return ForbiddenAssemblyPrefixes.Any(p => assembly.StartsWith(p, StringComparison.Ordinal));
    }

    private static Type Outer(Type t) => t.DeclaringType is { } d ? Outer(d) : t;

    private static string Name(MethodInfo m) => $"{Outer(m.DeclaringType!).Name}.{m.Name}";
}
