namespace InfoSharing.Bot.Policy;

/// <summary>The emergency path (§5): what to do now, the plain statement that sharing may happen now, contacts.</summary>
public sealed record EmergencyTexts
{
    public string Heading { get; init => field = value ?? ""; } = "";
    public IReadOnlyList<string> ActNow { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public string ShareNow { get; init => field = value ?? ""; } = "";
    public string Afterwards { get; init => field = value ?? ""; } = "";
    public int RetrospectiveRecordHours { get; init; } = 24;
    public IReadOnlyList<EmergencyContact> Contacts { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
}
