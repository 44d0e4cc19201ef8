using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Policy;

public sealed record SecureMethod
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";

    /// <summary>False for a method that is listed only to be refused (plain external email).</summary>
    [JsonRequired]
    public bool Allowed { get; init; } = true;

    public string DisallowedReason { get; init => field = value ?? ""; } = "";
}
