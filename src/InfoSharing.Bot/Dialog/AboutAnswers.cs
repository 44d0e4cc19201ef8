namespace InfoSharing.Bot.Dialog;

/// <summary>Step 1. The person is identified only by the case reference.</summary>
public sealed record AboutAnswers
{
    public required string MatterTypeId { get; init; }
    public required string DirectionId { get; init; }
    public required string CaseReference { get; init; }
    public required string SubjectTypeId { get; init; }
}
