using InfoSharing.Bot.Policy;
using InfoSharing.Bot.Tabs;
using InfoSharing.Bot.Workflow;

namespace InfoSharing.Bot.Tests.Tabs;

/// <summary>Issue 15: the Statistics tab's decisions by purpose: approved, approved in part, declined and not shared, each counted once.</summary>
public sealed class TabStatisticsTests
{
    private static readonly PolicyDocument Policy = PolicyLoader.Load(PolicyLoader.DefaultPath);
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static TabStatistics.Row Decided(string kind, string status, string? decision, bool inPart, params string[] purposes) =>
        new(kind, status, "safeguarding-child", Now.UtcDateTime.AddDays(-3), decision is null ? null : Now.UtcDateTime.AddDays(-2), decision, null, null,
            $"{{\"reference\":\"ISR-1\",\"purposes\":[{string.Join(",", purposes.Select(p => $"\"{p}\""))}],\"warnings\":[]}}") { InPart = inPart };

    [Fact]
    public void DecisionsByPurpose_CountsApprovedInPartApartFromApproved_AndATwoPurposeRequestUnderBoth()
    {
        TabStatistics.Row[] rows =
        [
            Decided(RecordKinds.Request, RequestStatus.Approved, RequestStatus.Approved, inPart: false, "Child protection referral"),
            Decided(RecordKinds.Request, RequestStatus.Approved, RequestStatus.Approved, inPart: true, "Child protection referral", "Prevent referral"),
            Decided(RecordKinds.Request, RequestStatus.Declined, RequestStatus.Declined, inPart: false, "Prevent referral"),
            Decided(RecordKinds.NotShared, SafeguardingStatus.FromDraft, null, inPart: false, "Child protection referral"),
            Decided(RecordKinds.Request, RequestStatus.Pending, null, inPart: false, "Child protection referral") with { SummaryJson = null },
        ];

        var chart = TabStatistics.Compute(rows, Now, Policy).Single(c => c.Id == "by-purpose");

        Assert.Equal(["Child protection referral", "Prevent referral"], chart.Labels);
        Assert.Equal(["Approved", "Approved in part", "Declined", "Not shared"], chart.Series.Select(s => s.Label));
        Assert.Equal<double?>([1, 0], chart.Series[0].Values);
        Assert.Equal<double?>([1, 1], chart.Series[1].Values);
        Assert.Equal<double?>([0, 1], chart.Series[2].Values);
        Assert.Equal<double?>([1, 0], chart.Series[3].Values);
    }
}
