using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Policy;

/// <summary>
/// Cross-check 5a of §4.4: the Schedule 1 Part 2 conditions (paragraphs 6, 10, 18) need an appropriate policy document
/// (DPA 2018 Schedule 1 Part 4). Whether the organisation has one, its reference, and the refusal shown without one.
/// </summary>
public sealed record AppropriatePolicyDocument
{
    [JsonRequired]
    public bool Held { get; init; }

    public string Reference { get; init => field = value ?? ""; } = "";

    /// <summary>Shown beside a condition that needs the document when the organisation has none.</summary>
    public string Refusal { get; init => field = value ?? ""; } = "";
}
