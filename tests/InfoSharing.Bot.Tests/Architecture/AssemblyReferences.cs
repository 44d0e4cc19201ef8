using System.Reflection;
using System.Reflection.Emit;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Architecture;

/// <summary>
/// What the compiled bot's code refers to, read from the assembly itself (signatures and method bodies, IL operands
/// resolved), so that implicit global usings and fully qualified names cannot hide a dependency.
/// </summary>
internal static class AssemblyReferences
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The bot's top-level folder of a type (<c>InfoSharing.Bot.Dialog.X</c> → <c>Dialog</c>; the root namespace → "").</summary>
    public static string FolderOf(Type type)
    {
        var ns = type.Namespace ?? "";
        const string root = "InfoSharing.Bot.";
        if (!ns.StartsWith(root, StringComparison.Ordinal))
        {
            return "";
        }

        var rest = ns[root.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>Every type the given type's declarations and code refer to (generic arguments unwrapped).</summary>
    public static IEnumerable<Type> ReferencedBy(Type type)
    {
        var seen = new HashSet<Type>();
        foreach (var t in Declared(type).Concat(Bodies(type)))
        {
            foreach (var unwrapped in Unwrap(t))
            {
                if (seen.Add(unwrapped))
                {
                    yield return unwrapped;
                }
            }
        }
    }

    private static IEnumerable<Type> Declared(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (var a in type.GetCustomAttributesData())
        {
            yield return a.AttributeType;
        }

        foreach (var f in type.GetFields(Everything))
        {
            yield return f.FieldType;
        }

        foreach (var p in type.GetProperties(Everything))
        {
            yield return p.PropertyType;
        }

        foreach (var m in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (m is MethodInfo mi)
            {
                yield return mi.ReturnType;
            }

            foreach (var p in m.GetParameters())
            {
                yield return p.ParameterType;
            }

            foreach (var a in m.GetCustomAttributesData())
            {
                yield return a.AttributeType;
            }
        }
    }

    /// <summary>The declaring types of every method, field and type token in the type's method bodies.</summary>
    private static IEnumerable<Type> Bodies(Type type)
    {
        var module = type.Module;
        var typeArgs = type.IsGenericTypeDefinition ? type.GetGenericArguments() : null;
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            byte[]? il;
            try
            {
                il = method.GetMethodBody()?.GetILAsByteArray();
            }
            catch (InvalidOperationException)
            {
                continue;
            }

            if (il is null)
            {
                continue;
            }

            var methodArgs = method.IsGenericMethodDefinition ? method.GetGenericArguments() : null;
            foreach (var token in Tokens(il))
            {
                MemberInfo? member;
                try
                {
                    member = module.ResolveMember(token, typeArgs, methodArgs);
                }
                catch (Exception ex) when (ex is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException)
                {
                    continue;
                }

                switch (member)
                {
                    case Type t:
                        yield return t;
                        break;
                    case MethodBase m:
                        if (m.DeclaringType is { } d)
                        {
                            yield return d;
                        }

                        if (m is MethodInfo { IsGenericMethod: true } g)
                        {
                            foreach (var a in g.GetGenericArguments())
                            {
                                yield return a;
                            }
                        }

                        break;
                    case FieldInfo f when f.DeclaringType is { } fd:
                        yield return fd;
                        break;
                }
            }
        }
    }

    /// <summary>The metadata tokens among the IL's operands (method, field, type and member references).</summary>
    private static IEnumerable<int> Tokens(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            OpCode op;
            if (il[i] == 0xFE && i + 1 < il.Length)
            {
                op = OpCodesByValue[unchecked((short)(0xFE00 | il[i + 1]))];
                i += 2;
            }
            else
            {
                op = OpCodesByValue[il[i]];
                i += 1;
            }

            switch (op.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, i);
                    i += 4 + (4 * count);
                    break;
                default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    i += 4;
                    break;
            }
        }
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var t in Unwrap(element))
            {
                yield return t;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            yield return type.GetGenericTypeDefinition();
            foreach (var a in type.GetGenericArguments())
            {
                foreach (var t in Unwrap(a))
                {
                    yield return t;
                }
            }

            yield break;
        }

        yield return type;
    }
}
