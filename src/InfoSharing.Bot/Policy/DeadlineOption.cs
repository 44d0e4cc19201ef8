namespace InfoSharing.Bot.Policy;

public sealed record DeadlineOption
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public DeadlineKind Kind { get; init; }

    /// <summary>For <see cref="DeadlineKind.WithinHours"/>.</summary>
    public int Hours { get; init; }
}
