namespace InfoSharing.Bot.Records.Retention;

/// <summary>Body of <c>PUT /records/{reference}/legal-hold</c>.</summary>
public sealed record LegalHoldRequest
{
    public required bool LegalHold { get; init; }
}
