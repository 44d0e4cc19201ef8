namespace InfoSharing.Bot.Records.Retention;

/// <summary>Body of <c>POST /records/{reference}/review</c>: the next review date (a future UK date); omitted = the type's interval from now.</summary>
public sealed record ReviewRequest
{
    public DateOnly? NextReviewDate { get; init; }
}
