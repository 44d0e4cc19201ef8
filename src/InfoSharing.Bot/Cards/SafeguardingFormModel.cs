namespace InfoSharing.Bot.Cards;

/// <summary>
/// A safeguarding form as the practitioner sees it: the fields, the values to keep, errors and likely-identifier
/// warnings beside the fields, and what its Submit sends back (the action, the record it is about, the fields
/// already warned about).
/// </summary>
public sealed record SafeguardingFormModel
{
    public required string Title { get; init; }
    public string? Intro { get; init; }
    public IReadOnlyList<string> Notices { get; init; } = [];
    public IReadOnlyList<string> Alerts { get; init; } = [];
    public required IReadOnlyList<FormField> Fields { get; init; }
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Warnings { get; init; } = new Dictionary<string, string>();

    /// <summary>The Submit's <c>action</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The record the form is about (none for a new consultation).</summary>
    public Guid? RecordId { get; init; }

    /// <summary>Fields warned about on the last submit (refused next time unless confirmed).</summary>
    public IReadOnlyList<string> Warned { get; init; } = [];

    /// <summary>Extra data the Submit carries (e.g. the advice path's trigger).</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    public string SubmitTitle { get; init; } = "Submit";

    /// <summary>Further buttons (Action.Submit) after the Submit.</summary>
    public IReadOnlyList<(string Title, string Action, IReadOnlyDictionary<string, string> Data)> MoreActions { get; init; } = [];
}
