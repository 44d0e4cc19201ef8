namespace InfoSharing.Bot.Policy;

/// <summary>Short notes the dialog shows when a rule applies.</summary>
public sealed record PolicyNotes
{
    public string DpoRouting { get; init => field = value ?? ""; } = "";
    public string PreventRouting { get; init => field = value ?? ""; } = "";
    public string ChannelSupportConsent { get; init => field = value ?? ""; } = "";
    public string LessInformation { get; init => field = value ?? ""; } = "";
    public string AnonymisedConsultation { get; init => field = value ?? ""; } = "";
    public string AdviceNow { get; init => field = value ?? ""; } = "";
    public string Declaration { get; init => field = value ?? ""; } = "";
    public string Submitted { get; init => field = value ?? ""; } = "";

    /// <summary>After the reference is given: where to go if the risk grows before a decision (the emergency path), never "do not share".</summary>
    public string WhileWaiting { get; init => field = value ?? ""; } = "";

    public IEnumerable<(string Name, string Text)> All() =>
    [
        ("dpoRouting", DpoRouting), ("preventRouting", PreventRouting), ("channelSupportConsent", ChannelSupportConsent),
        ("lessInformation", LessInformation), ("anonymisedConsultation", AnonymisedConsultation), ("adviceNow", AdviceNow),
        ("declaration", Declaration), ("submitted", Submitted), ("whileWaiting", WhileWaiting),
    ];
}
