namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>The crash points of <see cref="CrashPointRun"/> on the loopback PostgreSQL cluster (a database per run).</summary>
[Collection(ReliabilityPostgresCollection.Name)]
public sealed class CrashPointPostgresTests(ReliabilityPostgres postgres)
{
    [Theory]
    [MemberData(nameof(CrashPointRun.Points), MemberType = typeof(CrashPointRun))]
    public Task KilledAtPointOnPostgres_RestartedAndRedelivered_OneCardOneReferenceOneNotice(string point)
    {
        Assert.SkipWhen(postgres.Server.SkipReason is not null, postgres.Server.SkipReason ?? "");
        return CrashPointRun.AssertRunsAsync(point, postgres);
    }
}
