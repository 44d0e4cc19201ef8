using System.Text.Json.Serialization;
using InfoSharing.Bot.Records.Export;
using InfoSharing.Bot.Records.Retention;

namespace InfoSharing.Bot.Records;

/// <summary>Source-generated JSON for the records API (camelCase; nulls written, so every document has one shape).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DecisionRecordDocument))]
[JsonSerializable(typeof(RecordListItem))]
[JsonSerializable(typeof(IAsyncEnumerable<RecordListItem>))]
[JsonSerializable(typeof(AuditVerificationReport))]
[JsonSerializable(typeof(ReviewRequest))]
[JsonSerializable(typeof(LegalHoldRequest))]
public sealed partial class RecordsJsonContext : JsonSerializerContext;
