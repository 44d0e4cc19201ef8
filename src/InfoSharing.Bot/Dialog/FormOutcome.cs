namespace InfoSharing.Bot.Dialog;

/// <summary>
/// The result of checking one safeguarding form: the accepted value, or the errors and likely-identifier warnings
/// to show beside the fields. <see cref="Warned"/> travels in the re-shown card's data, so that a second submit
/// with the same identifier is refused unless the practitioner confirms (cross-check 8) without any stored state.
/// </summary>
public sealed record FormOutcome<T>
    where T : class
{
    public T? Value { get; init; }

    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Warnings { get; init; } = new Dictionary<string, string>();

    /// <summary>Fields warned about on this submit (they are refused next time unless confirmed).</summary>
    public IReadOnlyList<string> Warned { get; init; } = [];

    /// <summary>Fields the practitioner confirmed contain no identifying information.</summary>
    public IReadOnlyList<string> Confirmed { get; init; } = [];

    /// <summary>For the outcome record only: the kinds of information or recipient that would widen the approval.</summary>
    public WiderScope? Wider { get; init; }

    public bool IsAccepted => Value is not null;
}

