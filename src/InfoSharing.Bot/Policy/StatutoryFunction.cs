namespace InfoSharing.Bot.Policy;

/// <summary>A statutory function relied on with public task or legal obligation (domain §4.4).</summary>
public sealed record StatutoryFunction
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";
    public bool RequiresDetail { get; init; }

    /// <summary>The Article 6 basis this function normally goes with (an id of <c>lists.article6Bases</c>).</summary>
    public string Article6BasisId { get; init => field = value ?? ""; } = "";

    /// <summary>Kept so that records made under an older policy still read with their title; no longer offered.</summary>
    public bool Retired { get; init; }

    /// <summary>"None": for a basis that relies on no statutory function; refused for a basis that needs one.</summary>
    public bool NotApplicable { get; init; }
}
