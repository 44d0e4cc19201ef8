namespace InfoSharing.Bot.Tabs;

/// <summary>The outcome of signing a tab request in: a viewer, or why not (answered 401).</summary>
public sealed record TabSignIn(TabViewer? Viewer, string? Problem)
{
    public static TabSignIn Of(TabViewer viewer) => new(viewer, null);

    public static TabSignIn Refused(string problem) => new(null, problem);
}
