namespace InfoSharing.Bot.Policy;

public sealed record EmergencyContact
{
    public string Title { get; init; } = "";
    public string Value { get; init; } = "";
}
