using InfoSharing.Bot.LoadTest;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>
/// The CI-sized load run (the full one is <c>dotnet run -c Release --project tools/LoadTest</c>, see the README): two bot
/// processes on one PostgreSQL database, every delivery to either at random, 1 % connector faults, one instance SIGKILLed
/// and restarted half way. No turn fails inside the bot, nothing is lost or done twice, and no fail:/crit: line is logged that
/// an injected fault does not explain; a run without faults logs none at all.
/// </summary>
[Collection(ReliabilityPostgresCollection.Name)]
public sealed class LoadSmokeTests(ReliabilityPostgres postgres)
{
    [Fact]
    public async Task TwoProcessesOnPostgres_500Turns40Conversations_OneKilled_NothingLostNothingTwice()
    {
        Assert.SkipWhen(postgres.Server.SkipReason is not null, postgres.Server.SkipReason ?? "");
        Npgsql.NpgsqlConnection.ClearAllPools(); // idle connections of the earlier tests on this cluster
        var directory = Directory.CreateTempSubdirectory("infosharing-smoke-").FullName;
        var report = await new LoadRunner(new LoadOptions
        {
            WorkDirectory = directory,
            Turns = 500,
            Conversations = 40,
            Instances = 2,
            PostgresConnectionString = await postgres.Server.CreateDatabaseAsync() + ";Timeout=5;Command Timeout=30;Maximum Pool Size=30", // 2 x 30 < max_connections (100)
            FaultRate = 0.01,
            RedeliveryRate = 0.02,
            KillAtTurns = [250],
            ConnectorTimeout = TimeSpan.FromSeconds(2),
            MaxDuration = TimeSpan.FromMinutes(4),
            Seed = 11,
        }, new DiagnosticWriter()).RunAsync(TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage("load smoke:\n" + report);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(1, report.Kills);
        Assert.Equal(500, report.Turns);
        Assert.True(report.SubmissionsAcknowledged > 10, report.ToString());
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task NormalRunOnSqlite_NoFaults_LogsNoFailOrCritLine()
    {
        // What an operator alerts on: a run with no injected fault, kill or redelivery logs no "fail:" and no "crit:".
        var directory = Directory.CreateTempSubdirectory("infosharing-normal-").FullName;
        var report = await new LoadRunner(new LoadOptions
        {
            WorkDirectory = directory,
            Turns = 600,
            Conversations = 20,
            FaultRate = 0,
            RedeliveryRate = 0,
            MaxDuration = TimeSpan.FromMinutes(3),
            Seed = 12,
        }, new DiagnosticWriter()).RunAsync(TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage("normal run:\n" + report);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(0, report.FailureLogLines);
        Assert.True(report.SubmissionsAcknowledged > 5, report.ToString());
        Directory.Delete(directory, recursive: true);
    }

    private sealed class DiagnosticWriter : StringWriter
    {
        public override void WriteLine(string? value) => TestContext.Current.SendDiagnosticMessage(value ?? "");
    }
}
