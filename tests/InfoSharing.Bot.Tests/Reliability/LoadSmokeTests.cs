using InfoSharing.Bot.LoadTest;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>
/// The CI-sized load run (the full one is <c>dotnet run -c Release --project tools/LoadTest</c>, see the README): two bot
/// processes on one PostgreSQL database, every delivery to either at random, 1 % connector faults, one instance SIGKILLed
/// and restarted half way. No turn fails inside the bot, nothing is lost or done twice.
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

    private sealed class DiagnosticWriter : StringWriter
    {
        public override void WriteLine(string? value) => TestContext.Current.SendDiagnosticMessage(value ?? "");
    }
}
