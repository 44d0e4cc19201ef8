namespace InfoSharing.Bot.Dialog;

/// <summary>Step 2: what information (categories and a short description, never the content).</summary>
public sealed record WhatAnswers
{
    public required IReadOnlyList<string> CategoryIds { get; init; }
    public string? OtherCategoryDetail { get; init; }
    public required string ItemsDescription { get; init; }
    public required bool IdentifiesOthers { get; init; }
    public string? OthersProtection { get; init; }
    public required bool ContainsOpinion { get; init; }
}
