namespace InfoSharing.Bot.Policy;

/// <summary>An answer to "could less information, or an anonymised consultation, meet the purpose?".</summary>
public sealed record MinimisationOption
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public MinimisationKind Kind { get; init; }
}
