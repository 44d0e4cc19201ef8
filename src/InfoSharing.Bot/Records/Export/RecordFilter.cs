using System.Globalization;
using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Records.Export;

/// <summary>
/// Which records an export covers. Every value has been validated (<see cref="RecordFilterParser"/>), so the
/// filter can be written to the audit trail as it is. Dates are UTC instants; <see cref="SubmittedToUtc"/> is exclusive.
/// </summary>
public sealed record RecordFilter
{
    public static readonly RecordFilter All = new();

    public string? Status { get; init; }

    /// <summary><c>approved</c>, <c>declined</c> or <c>none</c> (not decided).</summary>
    public string? Decision { get; init; }

    public string? MatterType { get; init; }

    /// <summary>The record type (<c>request</c>; later advice consultations and emergency records).</summary>
    public string? Type { get; init; }

    public DateTime? SubmittedFromUtc { get; init; }

    public DateTime? SubmittedToUtc { get; init; }

    /// <summary>A reference or case reference, matched exactly or as its start (the records tab's search box).</summary>
    public string? Search { get; init; }

    /// <summary>The requester's Entra object id, or the start of their display name (the records tab's requester filter).</summary>
    public string? Requester { get; init; }

    /// <summary>A purpose id from the policy list that the request's answers name (the records tab's purpose filter).</summary>
    public string? PurposeId { get; init; }

    /// <summary>The filter as the audit entry of an export records it.</summary>
    public JsonObject Describe()
    {
        var o = new JsonObject();
        Put(o, "status", Status);
        Put(o, "decision", Decision);
        Put(o, "matterType", MatterType);
        Put(o, "type", Type);
        Put(o, "submittedFromUtc", SubmittedFromUtc?.ToString("O", CultureInfo.InvariantCulture));
        Put(o, "submittedToUtc", SubmittedToUtc?.ToString("O", CultureInfo.InvariantCulture));
        Put(o, "search", Search);
        Put(o, "requester", Requester);
        Put(o, "purpose", PurposeId);
        return o;
    }

    private static void Put(JsonObject o, string name, string? value)
    {
        if (value is not null)
        {
            o[name] = value;
        }
    }
}
