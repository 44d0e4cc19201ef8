namespace InfoSharing.Bot.Policy;

public sealed record EmergencyContact
{
    public string Title { get; init => field = value ?? ""; } = "";
    public string Value { get; init => field = value ?? ""; } = "";
}
