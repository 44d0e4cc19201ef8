namespace InfoSharing.Bot.Workflow;

/// <summary>
/// One command on a record, parsed and checked for field errors by the surface that received it (the approval card,
/// the review and advice cards, the practitioner's answer): the verb and the values the workflow records.
/// </summary>
public sealed record WorkflowCommand
{
    public required string Verb { get; init; }

    /// <summary>An automatic refresh (Teams' user-specific view): shows, never changes.</summary>
    public bool Automatic { get; init; }

    /// <summary>The free text recorded with the action: decline reason, question, conflict note, review note or concern, advice, answer.</summary>
    public string? Text { get; init; }

    /// <summary>A code from a policy list: the decline reason, or the advice's suggested outcome.</summary>
    public string? Code { get; init; }

    public string? Conditions { get; init; }

    /// <summary>Approve in part: the categories left ticked (policy ids as the card sent them; null for any other command).</summary>
    public IReadOnlyList<string>? ApprovedCategoryIds { get; init; }

    /// <summary>Approve in part: the recipient types left ticked.</summary>
    public IReadOnlyList<string>? ApprovedRecipientTypeIds { get; init; }

    /// <summary>After a decline: offer the practitioner to reconsider with new information.</summary>
    public bool Reconsider { get; init; } = true;

    /// <summary>The kinds of identifier the text looked like it held, which the person confirmed it does not (audited: the kinds, never the text).</summary>
    public IReadOnlyList<string> ConfirmedIdentifierKinds { get; init; } = [];

    /// <summary>What the audit entry records of the values besides the reference (ids and flags, never free text).</summary>
    public System.Text.Json.Nodes.JsonObject? AuditDetails { get; init; }

    /// <summary>Field errors found while parsing; a command with any is answered with them and changes nothing.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; init; } = new Dictionary<string, string>();
}
