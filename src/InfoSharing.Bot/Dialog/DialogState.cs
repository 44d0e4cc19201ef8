namespace InfoSharing.Bot.Dialog;

/// <summary>
/// A practitioner's draft request: immutable, versioned and serializable with <see cref="DialogJsonContext"/>
/// (see <see cref="DialogStateJson"/>). All times are UTC.
/// </summary>
public sealed record DialogState
{
    /// <summary>The <see cref="DialogDefinition.Version"/> the draft was made under.</summary>
    public required int DialogVersion { get; init; }

    /// <summary>The policy version when the draft started (the submission carries the version at submit).</summary>
    public required string PolicyVersion { get; init; }

    /// <summary>Identifies this draft in card data so that a card from an earlier draft is recognised.</summary>
    public required string DraftId { get; init; }

    public required DialogStep Step { get; init; }

    /// <summary>Incremented whenever a new step card is sent; a click on an older card is stale.</summary>
    public int Revision { get; init; }

    /// <summary>The practitioner (requester): never the person the information is about.</summary>
    public required DialogActor Requester { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The draft is deleted if there is no activity before this time.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    public DraftAnswers Answers { get; init => field = value ?? DraftAnswers.Empty; } = DraftAnswers.Empty;

    /// <summary>Set while editing a section from the review: the next valid submit returns to the review.</summary>
    public bool ReturnToReview { get; init; }

    /// <summary>Values entered on the current step that are not yet accepted (kept across an error, help or a typed choice).</summary>
    public IReadOnlyDictionary<string, string> DraftInputs { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();

    /// <summary>Fields of the current step already warned once about likely identifiers (cross-check 8).</summary>
    public IReadOnlyList<string> PendingIdentifierWarnings { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>Fields the practitioner confirmed contain no identifying information.</summary>
    public IReadOnlyList<string> ConfirmedNoIdentifierFields { get; init => field = value is null ? [] : [.. value.Where(v => v is not null)]; } = [];

    /// <summary>The earlier record this request follows (advice, a declined request reconsidered, an approval widened).</summary>
    public RecordLink? Link { get; init; }
}
