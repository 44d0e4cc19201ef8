namespace InfoSharing.Bot.Policy;

/// <summary>Short notes the dialog shows when a rule applies.</summary>
public sealed record PolicyNotes
{
    public string DpoRouting { get; init; } = "";
    public string PreventRouting { get; init; } = "";
    public string ChannelSupportConsent { get; init; } = "";
    public string LessInformation { get; init; } = "";
    public string AnonymisedConsultation { get; init; } = "";
    public string AdviceNow { get; init; } = "";
    public string Declaration { get; init; } = "";
    public string Submitted { get; init; } = "";

    public IEnumerable<(string Name, string Text)> All() =>
    [
        ("dpoRouting", DpoRouting), ("preventRouting", PreventRouting), ("channelSupportConsent", ChannelSupportConsent),
        ("lessInformation", LessInformation), ("anonymisedConsultation", AnonymisedConsultation), ("adviceNow", AdviceNow),
        ("declaration", Declaration), ("submitted", Submitted),
    ];
}
