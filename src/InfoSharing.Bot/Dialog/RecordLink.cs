namespace InfoSharing.Bot.Dialog;

/// <summary>
/// A request linked to an earlier record: the anonymised consultation it follows (<see cref="Advice"/>), the declined
/// request it reconsiders with new information (<see cref="Reconsider"/>), or the approved request whose scope it
/// widens (<see cref="Wider"/>). Stored as the new record's LinkedRequestId.
/// </summary>
public sealed record RecordLink(Guid RecordId, string Reference, string Kind)
{
    public const string Advice = "advice";
    public const string Reconsider = "reconsider";
    public const string Wider = "wider";

    /// <summary>A one-line summary for the advice section (e.g. the suggested outcome), when continuing from advice.</summary>
    public string? Summary { get; init; }

    public string Describe() => Kind switch
    {
        Advice => $"This request follows the anonymised consultation {Reference}.",
        Reconsider => $"This request asks the approvers to reconsider {Reference} (declined) with new information.",
        Wider => $"This request asks for approval of sharing beyond what {Reference} approved.",
        _ => $"This request is linked to {Reference}.",
    };
}
