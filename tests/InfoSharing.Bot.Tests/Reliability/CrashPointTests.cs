namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>The crash points of <see cref="CrashPointRun"/> on SQLite (a file per run).</summary>
public sealed class CrashPointTests
{
    [Theory]
    [MemberData(nameof(CrashPointRun.Points), MemberType = typeof(CrashPointRun))]
    public Task KilledAtPointOnSqlite_RestartedAndRedelivered_OneCardOneReferenceOneNotice(string point) =>
        CrashPointRun.AssertRunsAsync(point, postgres: null);
}
