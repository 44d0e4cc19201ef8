namespace InfoSharing.Bot.Dialog;

/// <summary>Non-identifying answers an anonymised consultation (§6) may start from: ids only, no free text, no case reference.</summary>
public sealed record AdviceSeed
{
    public string? MatterTypeId { get; init; }
    public string? SubjectTypeId { get; init; }
    public IReadOnlyList<string> CategoryIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
    public string? RecipientTypeId { get; init; }
    public IReadOnlyList<string> PurposeIds { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];
}
