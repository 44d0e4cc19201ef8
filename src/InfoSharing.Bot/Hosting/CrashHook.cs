using System.Diagnostics;

namespace InfoSharing.Bot.Hosting;

/// <summary>
/// Development only (<c>Diagnostics:CrashAt</c>, refused in any other environment): the process SIGKILLs itself the first
/// time it passes the named point, so that a crash test can stop the real binary exactly there (tests/…/Reliability/
/// CrashPointTests). The points are events of the <see cref="ListenerName"/> <see cref="DiagnosticListener"/>, written
/// where they are (so the folders below Hosting need no reference to it, and cost one null check when no one listens):
/// <list type="bullet">
/// <item><c>before-commit</c>, <c>after-commit</c>: a turn that submits a request, just before its unit of work commits
/// and just after, before its replies (Routing/DialogTurnHandler).</item>
/// <item><c>after-claim:{operation}</c>: the outbox processor claimed a row of that operation, nothing sent yet;
/// <c>after-post:{operation}</c>: the row's send was accepted, not yet recorded as sent (Connector/OutboxProcessor).</item>
/// </list>
/// </summary>
public sealed class CrashHook : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    public const string SettingKey = "Diagnostics:CrashAt";
    public const string ListenerName = "InfoSharing.Bot.CrashPoints";

    private static readonly string[] Points = ["before-commit", "after-commit"];
    private static readonly string[] OutboxPoints = ["after-claim:", "after-post:"];

    private readonly string _point;

    private CrashHook(string point)
    {
        _point = point;
    }

    /// <summary>Arms the hook when the setting names a point; refuses it outside Development or for an unknown point.</summary>
    public static bool TryRegister(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var point = configuration[SettingKey];
        if (string.IsNullOrWhiteSpace(point))
        {
            return false;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException($"{SettingKey} may be set only in the Development environment.");
        }

        if (!Points.Contains(point, StringComparer.Ordinal) && !OutboxPoints.Any(p => point.StartsWith(p, StringComparison.Ordinal) && point.Length > p.Length))
        {
            throw new InvalidOperationException(
                $"{SettingKey} '{point}' is not a crash point; use one of {string.Join(", ", Points)}, or after-claim:<operation>, after-post:<operation>.");
        }

        DiagnosticListener.AllListeners.Subscribe(new CrashHook(point)); // for the life of the process
        return true;
    }

    public void OnNext(DiagnosticListener value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.Equals(value.Name, ListenerName, StringComparison.Ordinal))
        {
            value.Subscribe(this, (name, _, _) => string.Equals(name, _point, StringComparison.Ordinal));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (!string.Equals(value.Key, _point, StringComparison.Ordinal))
        {
            return;
        }

        // Straight to stderr, not the logger: the console logger writes from a queue that a SIGKILL never flushes.
        Console.Error.WriteLine($"{SettingKey}={_point}: SIGKILL");
        Console.Error.Flush();
        using var self = Process.GetCurrentProcess();
        self.Kill(); // SIGKILL on Unix: no shutdown, nothing flushed, as an outside kill
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
