using System.Globalization;

namespace InfoSharing.Bot.Records;

/// <summary>
/// <c>dotnet InfoSharing.Bot.dll verify-audit</c>: verifies the audit trail of the configured database, prints the
/// result and exits instead of serving (0 intact, 1 broken, 2 could not check). Same settings as the bot.
/// </summary>
public static class AuditVerifyCommand
{
    public const string Name = "verify-audit";

    public const int Intact = 0;
    public const int Broken = 1;
    public const int Failed = 2;

    /// <summary>True when the process was started as <c>… InfoSharing.Bot.dll verify-audit</c>.</summary>
    public static bool IsRequested(IReadOnlyList<string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        return commandLine.Skip(1).Any(a => string.Equals(a, Name, StringComparison.Ordinal));
    }

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            await using var scope = services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<AuditVerification>().VerifyAsync(cancellationToken);
            await output.WriteLineAsync(Describe(report));
            return report.Intact ? Intact : Broken;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await output.WriteLineAsync($"verify-audit: could not check the audit trail: {ex.GetType().Name}: {ex.Message}");
            return Failed;
        }
    }

    public static string Describe(AuditVerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var head = string.Create(CultureInfo.InvariantCulture, $"{report.VerifiedEntries} entries link; head {report.HeadSequence} {report.HeadHash}");
        return report.FirstBreak is { } broken
            ? string.Create(CultureInfo.InvariantCulture, $"audit trail BROKEN at entry {broken.Sequence}: {broken.Reason} ({head})")
            : $"audit trail intact: {head}";
    }
}
