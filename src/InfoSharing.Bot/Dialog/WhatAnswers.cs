namespace InfoSharing.Bot.Dialog;

/// <summary>Step 2: what information (categories and a short description, never the content).</summary>
public sealed record WhatAnswers
{
    public required IReadOnlyList<string> CategoryIds { get; init; }
    public string? OtherCategoryDetail { get; init; }
    public required string ItemsDescription { get; init; }

    /// <summary>
    /// What it reveals (the Article 9(1) kinds asked directly, with those the categories pre-tick); empty for "none of
    /// these"; null when not asked (answers made before policy 2026.12.2, when the categories alone decided).
    /// </summary>
    public IReadOnlyList<string>? SpecialCategoryContentIds { get; init; }

    /// <summary>Whether it includes allegations, offences, convictions or proceedings (Article 10); null when not asked (before 2026.12.2).</summary>
    public bool? CriminalOffenceContent { get; init; }
    public required bool IdentifiesOthers { get; init; }
    public string? OthersProtection { get; init; }
    public required bool ContainsOpinion { get; init; }
}
