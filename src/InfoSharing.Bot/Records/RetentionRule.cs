namespace InfoSharing.Bot.Records;

/// <summary>
/// Section <c>Records:Retention:&lt;type&gt;</c>: the retention class recorded on a record of that type and how long
/// after it is created (and again after it is decided) it comes up for review. Nothing is deleted on its own.
/// </summary>
public sealed class RetentionRule
{
    /// <summary>Six years: the review interval when a type has no rule.</summary>
    public static readonly TimeSpan DefaultReviewAfter = TimeSpan.FromDays(6 * 365 + 2);

    /// <summary>The retention class recorded on the record (e.g. <c>safeguarding-information-sharing</c>).</summary>
    public string? Class { get; set; }

    /// <summary>How long after creation, and again after the decision, the record is due for review.</summary>
    public TimeSpan ReviewAfter { get; set; } = DefaultReviewAfter;

    public static RetentionRule Default(string kind) => new() { Class = kind, ReviewAfter = DefaultReviewAfter };

    /// <summary>The class to record: the configured one, or the record type.</summary>
    public string ClassOr(string kind) => string.IsNullOrWhiteSpace(Class) ? kind : Class;
}
