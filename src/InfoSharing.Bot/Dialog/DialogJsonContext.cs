using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Dialog;

/// <summary>Source-generated JSON for what the dialog and its forms store: the draft, the submission, the safeguarding records (camelCase, enums as strings, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DialogState))]
[JsonSerializable(typeof(RequestSubmission))]
[JsonSerializable(typeof(DialogEffect))]
[JsonSerializable(typeof(EmergencyRecord))]
[JsonSerializable(typeof(EmergencyFullRecord))]
[JsonSerializable(typeof(AdviceConsultation))]
[JsonSerializable(typeof(AdviceAnswer))]
[JsonSerializable(typeof(OutcomeRecord))]
[JsonSerializable(typeof(NotSharedDecision))]
public sealed partial class DialogJsonContext : JsonSerializerContext;
