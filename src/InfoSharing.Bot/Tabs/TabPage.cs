namespace InfoSharing.Bot.Tabs;

/// <summary>The four tabs, their paths under <c>/tabs</c>, and who each is for.</summary>
public enum TabPage
{
    Approvals,
    Records,
    Statistics,
    MyRequests,
}
