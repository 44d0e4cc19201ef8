using System.Reflection;
using InfoSharing.Bot.Dialog;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Dialog;

/// <summary>The dialog stays pure: no ASP.NET, EF, HTTP, DI, logging, clock or async types in its signatures.</summary>
public sealed class DialogArchitectureTests
{
    private static readonly string[] ForbiddenNamespaces =
    [
        "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.Net.Http", "System.Net.Sockets",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Logging", "Microsoft.Extensions.Hosting",
        "Microsoft.Extensions.Http", "System.Threading.Tasks", "System.IO", "Microsoft.Data",
    ];

    private static readonly Type[] ForbiddenTypes = [typeof(TimeProvider), typeof(HttpClient), typeof(Task), typeof(ValueTask), typeof(CancellationToken)];

    public static TheoryData<string> PureNamespaces => new() { "InfoSharing.Bot.Dialog", "InfoSharing.Bot.Cards" };

    [Theory]
    [MemberData(nameof(PureNamespaces))]
    public void Types_ReferenceNoInfrastructureTypes(string ns)
    {
        var types = typeof(DialogEngine).Assembly.GetTypes().Where(t => t.Namespace == ns).ToList();
        Assert.NotEmpty(types);
        var problems = new List<string>();
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in types)
        {
            var used = new List<(string Where, Type Type)>();
            if (type.BaseType is not null)
            {
                used.Add(("base", type.BaseType));
            }

            used.AddRange(type.GetInterfaces().Select(i => ("interface", i)));
            used.AddRange(type.GetFields(All).Select(f => ($"field {f.Name}", f.FieldType)));
            used.AddRange(type.GetProperties(All).Select(p => ($"property {p.Name}", p.PropertyType)));
            foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
            {
                if (method is MethodInfo info)
                {
                    used.Add(($"{method.Name} returns", info.ReturnType));
                }

                used.AddRange(method.GetParameters().Select(p => ($"{method.Name}({p.Name})", p.ParameterType)));
                if (method.GetCustomAttribute<System.Runtime.CompilerServices.AsyncStateMachineAttribute>() is not null)
                {
                    problems.Add($"{type.Name}.{method.Name} is async");
                }
            }

            foreach (var (where, used_) in used)
            {
                foreach (var t in Flatten(used_))
                {
                    if (ForbiddenTypes.Contains(t) || ForbiddenNamespaces.Any(n => t.Namespace is { } tn && (tn == n || tn.StartsWith(n + ".", StringComparison.Ordinal))))
                    {
                        problems.Add($"{type.FullName} {where}: {t.FullName}");
                    }
                }
            }
        }

        Assert.Empty(problems);
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var t in Flatten(type.GetElementType()!))
            {
                yield return t;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var t in type.GetGenericArguments().SelectMany(Flatten))
            {
                yield return t;
            }
        }
    }
}
