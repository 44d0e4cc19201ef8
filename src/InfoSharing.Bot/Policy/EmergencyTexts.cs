namespace InfoSharing.Bot.Policy;

/// <summary>The emergency path (§5): what to do now, the plain statement that sharing may happen now, contacts.</summary>
public sealed record EmergencyTexts
{
    public string Heading { get; init; } = "";
    public IReadOnlyList<string> ActNow { get; init; } = [];
    public string ShareNow { get; init; } = "";
    public string Afterwards { get; init; } = "";
    public int RetrospectiveRecordHours { get; init; } = 24;
    public IReadOnlyList<EmergencyContact> Contacts { get; init; } = [];
}
