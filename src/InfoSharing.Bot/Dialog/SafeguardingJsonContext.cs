using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Dialog;

/// <summary>Source-generated JSON for the safeguarding records as stored (camelCase, enums as strings, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmergencyRecord))]
[JsonSerializable(typeof(EmergencyFullRecord))]
[JsonSerializable(typeof(AdviceConsultation))]
[JsonSerializable(typeof(AdviceAnswer))]
[JsonSerializable(typeof(OutcomeRecord))]
public sealed partial class SafeguardingJsonContext : JsonSerializerContext;
