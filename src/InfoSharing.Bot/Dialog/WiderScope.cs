namespace InfoSharing.Bot.Dialog;

/// <summary>What an outcome "shared with changes" added beyond the approval: it needs a new approval.</summary>
public sealed record WiderScope(IReadOnlyList<string> NewCategoryIds, string? NewRecipientTypeId);
