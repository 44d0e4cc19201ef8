namespace InfoSharing.Bot.Policy;

public sealed record SecureMethod
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";

    /// <summary>False for a method that is listed only to be refused (plain external email).</summary>
    public bool Allowed { get; init; } = true;

    public string DisallowedReason { get; init; } = "";
}
