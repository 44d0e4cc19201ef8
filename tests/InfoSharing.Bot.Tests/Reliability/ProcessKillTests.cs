using InfoSharing.Bot.LoadTest;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>
/// The built bot as a real child process on 127.0.0.1 (file SQLite, loopback connector with 1 % faults), driven over HTTP
/// through 1,000 turns and SIGKILLed twice in the middle, then started again on the same database. Teams' redelivery is
/// simulated (no answer → the same activity again). Nothing acknowledged is lost, nothing is done or sent twice, and
/// every delivery that could not be completed is audited and shown.
/// </summary>
public sealed class ProcessKillTests
{
    [Fact]
    public async Task BotKilledTwiceDuring1000Turns_RestartedOnTheSameDatabase_NothingLostNothingTwice()
    {
        var directory = Directory.CreateTempSubdirectory("infosharing-kill-").FullName;
        var report = await new LoadRunner(new LoadOptions
        {
            WorkDirectory = directory,
            Turns = 1000,
            Conversations = 20,
            Approvers = 4,
            FaultRate = 0.01,
            RedeliveryRate = 0.02,
            KillAtTurns = [350, 700],
            ConnectorTimeout = TimeSpan.FromSeconds(2),
            MaxDuration = TimeSpan.FromMinutes(4),
            Seed = 7,
        }, new DiagnosticWriter()).RunAsync(TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage("kill run:\n" + report);
        if (report.Passed)
        {
            Directory.Delete(directory, recursive: true); // kept (with the bot's log) when the run failed
        }

        Assert.Equal(2, report.Kills);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(1000, report.Turns);
        Assert.True(report.SubmissionsAcknowledged > 20, report.ToString());
        Assert.True(report.DecisionsAcknowledged > 10, report.ToString());
    }

    /// <summary>The runner's progress lines as test diagnostics.</summary>
    private sealed class DiagnosticWriter : StringWriter
    {
        public override void WriteLine(string? value) => TestContext.Current.SendDiagnosticMessage(value ?? "");
    }
}
