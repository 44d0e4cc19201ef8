namespace InfoSharing.Bot.Cards;

public sealed record ReviewCardModel
{
    public required string Title { get; init; }

    public string? Intro { get; init; }

    public required IReadOnlyList<ReviewSection> Sections { get; init; }

    /// <summary>Routing and reminders (DPO added, Prevent lead added, Channel support consent).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>Points the approver will see as warnings (e.g. recipient not verified).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Shown in the attention colour above the sections.</summary>
    public IReadOnlyList<string> Alerts { get; init; } = [];

    public required string DeclarationText { get; init; }

    public bool DeclarationTicked { get; init; }

    public string? DeclarationError { get; init; }

    public required CardActionContext Context { get; init; }
}
