namespace InfoSharing.Bot.Cards;

/// <summary>The keys and action names of the <c>data</c> object of every Action.Submit the dialog sends.</summary>
public static class CardData
{
    public const string Action = "action";
    public const string Step = "step";
    public const string DialogVersion = "dialogVersion";
    public const string DraftRevision = "draftRevision";
    public const string DraftId = "draftId";
    public const string Section = "section";

    public const string Submit = "submit";
    public const string Back = "back";
    public const string Help = "help";
    public const string Cancel = "cancel";
    public const string Edit = "edit";
    public const string NewRequest = "newRequest";
    public const string MyRequests = "myRequests";

    /// <summary>After Cancel: delete the draft (nothing remains but its audit entries).</summary>
    public const string CancelDelete = "cancelDelete";

    /// <summary>After Cancel: show the short card of reasons for deciding not to share (§3.1).</summary>
    public const string NotShared = "notShared";

    /// <summary>The Submit of that card: record the decision not to share.</summary>
    public const string NotSharedRecord = "notSharedRecord";

    /// <summary>The id suffix of the "I confirm this contains no identifying information" checkbox of a field.</summary>
    public const string NoIdentifierConfirmSuffix = "_noIdConfirmed";

    /// <summary>The id suffix of the error TextBlock right under a field.</summary>
    public const string ErrorSuffix = "_error";

    /// <summary>The id suffix of the identifier warning TextBlock of a field.</summary>
    public const string WarningSuffix = "_warning";

    /// <summary>Keys that are never input ids.</summary>
    public static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        Action, Step, DialogVersion, DraftRevision, DraftId, Section, "msteams", "verb",
    };
}
