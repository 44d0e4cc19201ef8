namespace InfoSharing.Bot.Policy;

public sealed record ConsentStatus
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";

    /// <summary>Consent given: who gave it and how are required.</summary>
    public bool IsGiven { get; init; }

    /// <summary>Refused or not sought: the reasons for sharing without consent are required (§4.5).</summary>
    public bool RequiresReasons { get; init; }

    /// <summary>
    /// Recorded when consent is not asked about at step 7: it is not the basis relied on, and neither paragraph 10 nor
    /// paragraph 18 was chosen (telling the person is the separate openness question). Exactly one status has it.
    /// </summary>
    public bool NotAsked { get; init; }
}
