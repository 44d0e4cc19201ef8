namespace InfoSharing.Bot.Cards;

/// <summary>Everything a form card shows (a dialog step or a safeguarding form): fields, the values to keep, errors and warnings per field, and its buttons.</summary>
public sealed record FormCardModel
{
    public required string Title { get; init; }

    public string? Intro { get; init; }

    /// <summary>Information shown above the form (e.g. "the DPO will also be asked to approve").</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>Shown above the form in the attention colour (e.g. "please correct the answers marked below").</summary>
    public IReadOnlyList<string> Alerts { get; init; } = [];

    public required IReadOnlyList<FormField> Fields { get; init; }

    /// <summary>Current values by input id (kept after an error).</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>Error messages by input id, shown right under the input.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    /// <summary>Likely-identifier warnings by input id: shown under the input with a confirmation checkbox.</summary>
    public IReadOnlyDictionary<string, string> IdentifierWarnings { get; init; } = new Dictionary<string, string>();

    /// <summary>The buttons, the first of them the Submit (a dialog step's are <see cref="FormCard.StepActions"/>).</summary>
    public required IReadOnlyList<FormAction> Actions { get; init; }
}
