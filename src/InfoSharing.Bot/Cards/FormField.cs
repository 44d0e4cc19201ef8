namespace InfoSharing.Bot.Cards;

/// <summary>One input of a form card.</summary>
public sealed record FormField
{
    /// <summary>The input id: the key of its value in the submit's <c>value</c> object.</summary>
    public required string Id { get; init; }

    public required string Label { get; init; }

    public required FieldKind Kind { get; init; }

    /// <summary>Required in the client too (the server checks regardless).</summary>
    public bool Required { get; init; }

    /// <summary>The client-side message when a required input is empty.</summary>
    public string? ErrorMessage { get; init; }

    public IReadOnlyList<ChoiceOption> Options { get; init; } = [];

    public int? MaxLength { get; init; }

    public string? Placeholder { get; init; }

    /// <summary>A subtle line of guidance under the input.</summary>
    public string? Hint { get; init; }

    /// <summary>For a <see cref="FieldKind.Toggle"/>: the text beside the checkbox.</summary>
    public string? ToggleTitle { get; init; }

    /// <summary>For a single choice: show radio buttons rather than a drop-down.</summary>
    public bool Expanded { get; init; }
}
